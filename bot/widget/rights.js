/* The visitor's rights over their own chat, in the widget: download (text or JSON), delete now
 * (after a confirmation dialog), and "don't use my conversation for training".
 * Loaded by widget.js, which calls window.PrivacyBotRights(w) with what it shares (see widget.js).
 * Every request carries the conversation's secret; texts come from strings.js; no HTML.
 */
(function () {
  "use strict";

  window.PrivacyBotRights = function (w) {
    var t = w.t, el = w.el;
    var busy = false;

    var toggle = el("button", "pb-rights-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", w.uid + "-rights");
    var menu = el("div", "pb-rights");
    menu.id = w.uid + "-rights";
    menu.setAttribute("role", "group");
    menu.hidden = true;

    function button(cls) {
      var b = el("button", "pb-rights-action " + cls);
      b.type = "button";
      menu.appendChild(b);
      return b;
    }
    var downloadText = button("pb-download-text");
    var downloadJson = button("pb-download-json");
    var optOutLabel = el("label", "pb-optout-label");
    var optOut = el("input", "pb-optout");
    optOut.type = "checkbox";
    optOut.id = w.uid + "-optout";
    optOutLabel.htmlFor = optOut.id;
    var optOutRow = el("div", "pb-optout-row");
    optOutRow.appendChild(optOut);
    optOutRow.appendChild(optOutLabel);
    menu.appendChild(optOutRow);
    var deleteButton = button("pb-delete");
    var status = el("p", "pb-rights-status");
    status.setAttribute("role", "status");
    menu.appendChild(status);

    var dialog = el("dialog", "pb-confirm");
    dialog.setAttribute("aria-labelledby", w.uid + "-confirm-title");
    dialog.setAttribute("aria-describedby", w.uid + "-confirm-text");
    var dialogTitle = el("h3", "pb-confirm-title");
    dialogTitle.id = w.uid + "-confirm-title";
    var dialogText = el("p", "pb-confirm-text");
    dialogText.id = w.uid + "-confirm-text";
    var confirmYes = el("button", "pb-confirm-yes");
    confirmYes.type = "button";
    var confirmNo = el("button", "pb-confirm-no");
    confirmNo.type = "button";
    var dialogButtons = el("div", "pb-confirm-buttons");
    dialogButtons.appendChild(confirmNo);
    dialogButtons.appendChild(confirmYes);
    dialog.appendChild(dialogTitle);
    dialog.appendChild(dialogText);
    dialog.appendChild(dialogButtons);

    w.tools.appendChild(toggle);
    w.tools.appendChild(menu);
    w.tools.appendChild(dialog);

    function applyLanguage() {
      toggle.textContent = t("rightsMenu");
      menu.setAttribute("aria-label", t("rightsMenu"));
      downloadText.textContent = t("rightsDownloadText");
      downloadJson.textContent = t("rightsDownloadJson");
      optOutLabel.textContent = t("rightsOptOut");
      deleteButton.textContent = t("rightsDelete");
      dialogTitle.textContent = t("rightsConfirmTitle");
      dialogText.textContent = t("rightsConfirmText");
      confirmYes.textContent = t("rightsConfirmYes");
      confirmNo.textContent = t("rightsConfirmNo");
    }

    function say(text) { status.textContent = text; }

    function path(state, rest) {
      return "/api/conversations/" + encodeURIComponent(state.id) + rest;
    }

    // What the controls can do depends on whether a conversation is stored.
    function refresh() {
      var state = w.readState();
      var has = !!(state.id && state.secret);
      downloadText.disabled = downloadJson.disabled = deleteButton.disabled = !has;
      if (!has) { optOut.checked = false; return; }
      w.api("GET", path(state, "/training-opt-out"), null, state.secret).then(function (r) {
        if (r.status === 200) optOut.checked = !!r.data.opt_out;
        else if (r.status === 404) gone();
      }, function () { /* the menu still works; the toggle shows its last state */ });
    }

    function gone() {  // deleted or expired elsewhere: start afresh
      w.startFresh(t("welcome"));
      refresh();
    }

    function setOpen(open) {
      menu.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { say(""); refresh(); }
    }
    toggle.addEventListener("click", function () { setOpen(menu.hidden); });

    function download(format) {
      var state = w.readState();
      if (!state.id || busy) return;
      busy = true;
      w.showError("");
      fetch(w.server + path(state, "/transcript?format=" + format + "&lang=" + w.lang()), {
        headers: { Authorization: "Bearer " + state.secret },
        credentials: "omit",
        mode: "cors"
      }).then(function (response) {
        if (response.status !== 200) throw { status: response.status };
        return response.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = el("a");
        link.href = url;
        link.download = "conversation-" + state.id + (format === "json" ? ".json" : ".txt");
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        link.parentNode.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
        say(t("rightsDownloaded"));
      }, function (r) {
        if (r && r.status === 404) gone();
        else w.showError(w.errorText(r, "download"));
      }).then(function () { busy = false; });
    }
    downloadText.addEventListener("click", function () { download("text"); });
    downloadJson.addEventListener("click", function () { download("json"); });

    optOut.addEventListener("change", function () {
      var wanted = optOut.checked;
      w.showError("");
      w.conversation().then(function (state) {
        return w.api("PUT", path(state, "/training-opt-out"), { opt_out: wanted }, state.secret);
      }).then(function (r) {
        if (r.status !== 200) throw r;
        optOut.checked = !!r.data.opt_out;
        say(t(r.data.opt_out ? "rightsOptOutSaved" : "rightsOptInSaved"));
        refreshButtons();
      }).catch(function (r) {
        optOut.checked = !wanted;
        if (r && r.status === 404) gone();
        else w.showError(w.errorText(r, "optOut"));
      });
    });

    function refreshButtons() {
      var state = w.readState();
      downloadText.disabled = downloadJson.disabled = deleteButton.disabled = !(state.id && state.secret);
    }

    deleteButton.addEventListener("click", function () {
      if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
      confirmNo.focus();
    });
    function closeDialog() {
      if (dialog.open) { if (dialog.close) dialog.close(); else dialog.removeAttribute("open"); }
    }
    // Escape closes the dialog only, not the whole chat panel around it.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") event.stopPropagation();
    });
    dialog.addEventListener("close", function () {
      if (!deleteButton.disabled) deleteButton.focus();
    });
    confirmNo.addEventListener("click", closeDialog);
    confirmYes.addEventListener("click", function () {
      var state = w.readState();
      if (busy) return;
      if (!state.id) { closeDialog(); return; }
      busy = true;
      w.showError("");
      w.api("DELETE", path(state, "?lang=" + w.lang()), null, state.secret).then(function (r) {
        if (r.status !== 200 && r.status !== 404) throw r;  // 404: already gone
        closeDialog();
        w.startFresh(t("rightsDeleted"));
        optOut.checked = false;
        refreshButtons();
        setOpen(false);
        w.focusInput();
      }).catch(function (r) {
        closeDialog();
        w.showError(w.errorText(r, "delete"));
      }).then(function () { busy = false; });
    });

    // What the server tells the widget after a request made in the dialogue.
    function handle(message) {
      var info = message.custom.privacybot;
      if (info.done === "delete_conversation") {
        w.startFresh(message.text);
        optOut.checked = false;
        refreshButtons();
        return true;
      }
      if (info.done === "opt_out_training") optOut.checked = !!info.opt_out;
      if (info.offer === "download_conversation") {
        w.addMessage("bot", message.text, { lang: message.lang });
        var group = el("div", "pb-replies pb-download-offer");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", t("rightsMenu"));
        [["text", "rightsDownloadText"], ["json", "rightsDownloadJson"]].forEach(function (pair) {
          var b = el("button", "pb-reply", t(pair[1]));
          b.type = "button";
          b.addEventListener("click", function () { download(pair[0]); });
          group.appendChild(b);
        });
        w.log.appendChild(group);
        return true;
      }
      return false;
    }

    applyLanguage();
    refreshButtons();
    return { applyLanguage: applyLanguage, handle: handle, refresh: refreshButtons };
  };
})();
