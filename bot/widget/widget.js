/* Privacy-policy chat widget. Embed with one tag:
 *   <script src="https://chat.example/widget/widget.js" data-company="OK" data-lang="da"
 *           data-server="https://chat.example" defer></script>
 * Optional: data-policy-url (default: the server's /policy/<company>). What the server decides
 * (languages, companies, longest message, retention period) comes from GET /api/widget-config.
 * Every message is built from text nodes and elements, never parsed as HTML. No build step.
 */
(function () {
  "use strict";

  var script = document.currentScript ||
    document.querySelector("script[src*='/widget/widget.js'][data-company]");
  if (!script || script.getAttribute("data-privacybot-started")) return;
  script.setAttribute("data-privacybot-started", "1");

  var company = (script.getAttribute("data-company") || "").toUpperCase();
  if (!company) {
    if (window.console) console.error("privacybot: data-company is missing");
    return;
  }
  // Set from GET /api/widget-config. If it cannot be fetched the chat still starts: in the
  // languages strings.js has texts for, for data-company as given, with no length limit in the
  // field (the server still answers 413 to a longer message), naming no retention period.
  var langs = null;
  var companyName = company;
  var maxChars = null;
  var server = (script.getAttribute("data-server") || new URL(script.src, location.href).origin)
    .replace(/\/+$/, "");
  var policyUrl = script.getAttribute("data-policy-url") || server + "/policy/" + company;
  // Until the server says otherwise (GET /api/widget-config), the notice names no number.
  var retentionDays = parseInt(script.getAttribute("data-retention-days") || "", 10) || null;
  var storeKey = "privacybot:v1:" + server + ":" + company;
  var openKey = storeKey + ":open";

  // The server's answer; false when it serves no such company (the widget then stays away).
  var known = true;
  function configure(c) {
    if (c.retention_days > 0) retentionDays = c.retention_days;
    if (c.max_message_chars > 0) maxChars = c.max_message_chars;
    if (Array.isArray(c.languages) && c.languages.length) langs = c.languages;
    if (c.companies && typeof c.companies === "object") {
      known = Object.prototype.hasOwnProperty.call(c.companies, company);
      if (known && c.companies[company].name) companyName = c.companies[company].name;
    }
  }

  function load(done) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = server + "/widget/widget.css";
    document.head.appendChild(css);
    // strings.js is required; rights.js (download / delete / opt-out) is not: the chat works without it.
    var files = [["PrivacyBotStrings", "strings.js"], ["PrivacyBotRights", "rights.js"]]
      .filter(function (f) { return !window[f[0]]; });
    var waiting = files.length + 1;
    // The server's settings (retention days); the chat starts without them if they fail.
    fetch(server + "/api/widget-config", { credentials: "omit", mode: "cors" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(configure, function () {})
      .then(function () { if (--waiting === 0) done(); });
    files.forEach(function (f) {
      var s = document.createElement("script");
      s.src = server + "/widget/" + f[1];
      s.onload = function () { if (--waiting === 0) done(); };
      s.onerror = function () {
        if (window.console) console.error("privacybot: " + f[1] + " did not load");
        if (f[1] === "rights.js" && --waiting === 0) done();
      };
      document.head.appendChild(s);
    });
  }

  // ---- storage: the server-issued id and secret, kept across reloads on this site ----
  // A browser that blocks site data throws on localStorage: the chat then lives in memory
  // for the page's life (and says so), rather than not starting at all.
  var memoryState = {};
  var persistent = (function () {
    try {
      localStorage.setItem(storeKey + ":probe", "1");
      localStorage.removeItem(storeKey + ":probe");
      return true;
    } catch (e) { return false; }
  })();
  function readState() {
    if (persistent) {
      try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { persistent = false; }
    }
    return JSON.parse(JSON.stringify(memoryState));
  }
  function writeState(state) {
    memoryState = state;
    if (persistent) {
      try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { persistent = false; }
    }
  }
  function setOpen(open) {
    try { sessionStorage.setItem(openKey, open ? "1" : ""); } catch (e) { /* ignore */ }
  }
  function wasOpen() {
    try { return sessionStorage.getItem(openKey) === "1"; } catch (e) { return false; }
  }

  // ---- tiny DOM helpers (text only) ----
  var uid = "pb" + Math.random().toString(36).slice(2, 8);
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(date) { return pad(date.getHours()) + ":" + pad(date.getMinutes()); }

  // Links in answers, found in plain text and built as elements: e-mail, phone (grouped
  // digits, so a CVR number is not dialled), web address, and "section 4.1" of the policy.
  var LINKS = /([\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})|((?:\+\d{2} ?)?\d{2} \d{2} \d{2} \d{2}(?!\d))|((?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)])|((?:afsnit|avsnitt|section|punkt) (\d+(?:\.\d+)*))/gi;
  var PLACEHOLDER = /<[A-Z][A-Z0-9_]{1,40}>/g;

  function linkNode(text, href, external) {
    var a = el("a", "pb-link", text);
    a.href = href;
    if (external) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }
  // Append text to node: placeholders become their readable labels, and (in answers) links.
  function renderText(node, text, labels, links) {
    var parts = String(text).split(PLACEHOLDER), found = String(text).match(PLACEHOLDER) || [];
    parts.forEach(function (part, i) {
      if (links) appendLinks(node, part); else node.appendChild(document.createTextNode(part));
      if (i < found.length) {
        var label = labels && labels[found[i]];
        var mark = el("span", label ? "pb-ph" : null, label || found[i]);
        if (label) mark.title = found[i];
        node.appendChild(mark);
      }
    });
  }
  function appendLinks(node, text) {
    var at = 0, m;
    LINKS.lastIndex = 0;
    while ((m = LINKS.exec(text))) {
      node.appendChild(document.createTextNode(text.slice(at, m.index)));
      if (m[1]) node.appendChild(linkNode(m[1], "mailto:" + m[1]));
      else if (m[2]) node.appendChild(linkNode(m[2], "tel:" + m[2].replace(/ /g, "")));
      else if (m[3]) node.appendChild(linkNode(m[3], (/^www\./i.test(m[3]) ? "https://" : "") + m[3], true));
      else node.appendChild(linkNode(m[4], policyUrl + "#section-" + m[5], true));
      at = m.index + m[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(at)));
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, key) {
      return values[key] != null ? values[key] : m;
    });
  }

  function start() {
    // Only languages the strings exist for, whatever the server serves.
    var LANGS = (langs || Object.keys(window.PrivacyBotStrings)).filter(function (code) {
      return Object.prototype.hasOwnProperty.call(window.PrivacyBotStrings, code);
    });
    var state = readState();
    var lang = LANGS.indexOf(state.lang) >= 0 ? state.lang
      : (LANGS.indexOf(script.getAttribute("data-lang")) >= 0 ? script.getAttribute("data-lang") : LANGS[0]);
    var busy = false;
    var welcome = null;  // the greeting follows the language switch; it is not part of the stored chat

    function t(key, values) {
      var table = window.PrivacyBotStrings[lang] || window.PrivacyBotStrings.en;
      return fill(table[key], Object.assign({ company: companyName, days: retentionDays }, values || {}));
    }

    // ---- build the widget ----
    var root = el("div", "pb-root");
    root.setAttribute("data-company", company);
    root.dir = "ltr";  // an RTL host page must not flip the widget's punctuation
    var launcher = el("button", "pb-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", uid + "-panel");

    var panel = el("section", "pb-panel");
    panel.id = uid + "-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", uid + "-title");
    panel.hidden = true;

    var header = el("div", "pb-header");
    var title = el("h2", "pb-title");
    title.id = uid + "-title";
    var langLabel = el("label", "pb-lang-label");
    langLabel.htmlFor = uid + "-lang";
    var langSelect = el("select", "pb-lang");
    langSelect.id = uid + "-lang";
    LANGS.forEach(function (code) {
      var option = el("option", null, window.PrivacyBotStrings[code].languageName);
      option.value = code;
      option.lang = code;
      langSelect.appendChild(option);
    });
    var closeButton = el("button", "pb-close", "×");
    closeButton.type = "button";
    header.appendChild(title);
    header.appendChild(langLabel);
    header.appendChild(langSelect);
    header.appendChild(closeButton);

    // Shown when the browser blocks storage: the chat works, but not across a reload.
    var memoryNote = el("p", "pb-memory");
    memoryNote.setAttribute("role", "note");

    var notice = el("div", "pb-privacy");
    var noticeTitle = el("h3", "pb-privacy-title");
    var noticeText = el("p", "pb-privacy-text");
    var policyLink = el("a", "pb-policy");
    policyLink.href = policyUrl;
    policyLink.target = "_blank";
    policyLink.rel = "noopener noreferrer";
    var acceptButton = el("button", "pb-accept");
    acceptButton.type = "button";
    notice.appendChild(noticeTitle);
    notice.appendChild(noticeText);
    notice.appendChild(policyLink);
    notice.appendChild(acceptButton);

    var log = el("div", "pb-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.tabIndex = 0;
    var typing = el("div", "pb-typing");
    typing.setAttribute("role", "status");
    var typingDots = el("span", "pb-dots");
    typingDots.setAttribute("aria-hidden", "true");
    typingDots.appendChild(el("span"));
    typingDots.appendChild(el("span"));
    typingDots.appendChild(el("span"));
    var typingText = el("span", "pb-sr");
    typing.appendChild(typingDots);
    typing.appendChild(typingText);
    typing.hidden = true;
    var error = el("p", "pb-error");
    error.setAttribute("role", "alert");
    error.hidden = true;

    // Room for the customer's own-data actions (download, delete, opt-out).
    var tools = el("div", "pb-tools");
    tools.hidden = true;

    var form = el("form", "pb-form");
    var inputLabel = el("label", "pb-sr");
    inputLabel.htmlFor = uid + "-input";
    var input = el("textarea", "pb-input");
    input.id = uid + "-input";
    input.rows = 1;
    if (maxChars) input.maxLength = maxChars;
    var sendButton = el("button", "pb-send");
    sendButton.type = "submit";
    form.appendChild(inputLabel);
    form.appendChild(input);
    form.appendChild(sendButton);

    panel.appendChild(header);
    panel.appendChild(memoryNote);
    panel.appendChild(notice);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(error);
    panel.appendChild(tools);
    panel.appendChild(form);
    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);

    // The visitor's rights over the conversation (rights.js), in the tools row.
    var rights = window.PrivacyBotRights ? window.PrivacyBotRights({
      uid: uid, server: server, tools: tools, log: log, t: t, el: el, api: api, readState: readState,
      lang: function () { return lang; }, conversation: conversation, showError: showError, reveal: reveal,
      errorText: errorText, addMessage: addMessage, startFresh: startFresh,
      focusInput: function () { input.focus(); }
    }) : null;

    function applyLanguage() {
      if (welcome && welcome.parentNode) {
        welcome.querySelector(".pb-text").textContent = t("welcome");
        welcome.lang = lang;
      }
      panel.lang = lang;
      launcher.lang = lang;
      launcher.textContent = t("open");
      title.textContent = t("title");
      langLabel.textContent = t("language");
      langSelect.value = lang;
      closeButton.setAttribute("aria-label", t("close"));
      noticeTitle.textContent = t("noticeTitle");
      noticeText.textContent = retentionDays ? t("notice") : t("noticeNoDays");
      memoryNote.textContent = t("memoryOnly");
      policyLink.textContent = t("policy");
      acceptButton.textContent = t("accept");
      log.setAttribute("aria-label", t("conversation"));
      typingText.textContent = t("typing");
      inputLabel.textContent = t("inputLabel");
      input.placeholder = t("placeholder");
      input.setAttribute("aria-description", t("inputHint"));
      sendButton.textContent = t("send");
      if (rights) rights.applyLanguage();
    }

    function accepted() { return !!readState().accepted; }
    function showNotice() {
      var ok = accepted();
      notice.hidden = ok;
      form.hidden = !ok;
      tools.hidden = !ok || !rights;
      memoryNote.hidden = persistent;
    }

    // ---- messages ----
    function scrollDown() { log.scrollTop = log.scrollHeight; }
    // A new answer is read from its start: scroll it to the top of the log, not to its end.
    function reveal(node) {
      if (!node) return;
      log.scrollTop = Math.min(node.offsetTop - 8, log.scrollHeight - log.clientHeight);
    }

    // options: lang (of the text), labels (placeholder → readable label), time (Date),
    // buttons (quick replies), redacted (show "Stored as:").
    function addMessage(kind, text, options) {
      var o = options || {};
      var item = el("div", "pb-msg pb-" + kind);
      item.lang = o.lang || lang;
      var who = kind === "user" ? t("you") : (kind === "notice" ? t("notice_") : t("bot"));
      var whoNode = el("span", "pb-sr", who + " ");
      whoNode.lang = lang;
      item.appendChild(whoNode);
      var body = el("p", "pb-text");
      body.dir = "auto";
      renderText(body, text, o.labels, kind === "bot");
      item.appendChild(body);
      var time = el("time", "pb-time", clock(o.time || new Date()));
      time.dateTime = (o.time || new Date()).toISOString();
      item.appendChild(time);
      if (o.redacted) markRedacted(item);
      log.appendChild(item);
      if (o.buttons && o.buttons.length) addReplies(o.buttons);
      scrollDown();
      return item;
    }

    function markRedacted(item) {
      item.classList.add("pb-redacted");
      var label = el("span", "pb-stored", t("storedAs"));
      label.lang = lang;
      item.insertBefore(label, item.querySelector(".pb-text"));
    }

    function markStored(item, user, labels) {
      var body = item.querySelector(".pb-text");
      body.textContent = "";
      renderText(body, user.text, labels, false);
      item.lang = user.lang || lang;
      item.classList.remove("pb-pending");
      if (user.redacted_types && user.redacted_types.length) markRedacted(item);
    }

    function clearReplies() {
      var old = log.querySelectorAll(".pb-replies");
      for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    }

    function addReplies(buttons) {
      var group = el("div", "pb-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("replies"));
      buttons.forEach(function (b) {
        if (!b || typeof b.title !== "string") return;
        var button = el("button", "pb-reply", b.title);
        button.type = "button";
        button.addEventListener("click", function () {
          if (busy) return;
          clearReplies();
          send(typeof b.payload === "string" ? b.payload : b.title, b.title);
          input.focus();
        });
        group.appendChild(button);
      });
      log.appendChild(group);
    }

    function showError(text) {
      error.textContent = text;
      error.hidden = !text;
    }

    function renderReply(data) {
      var first = null;
      (data.messages || []).forEach(function (m) {
        var before = log.lastChild;
        if (rights && m.custom && m.custom.privacybot && rights.handle(m)) {
          first = first || (before ? before.nextSibling : log.firstChild);
          return;
        }
        if (typeof m.text !== "string" || !m.text) return;
        var isNotice = m.custom && m.custom.redaction;
        var item = addMessage(isNotice ? "notice" : "bot", m.text, {
          lang: m.lang || data.lang, labels: data.labels, buttons: isNotice ? null : m.buttons
        });
        first = first || item;
      });
      reveal(first);
    }

    // ---- the server ----
    function api(method, path, body, secret) {
      var headers = { "Content-Type": "application/json" };
      if (secret) headers.Authorization = "Bearer " + secret;
      return fetch(server + path, {
        method: method,
        headers: headers,
        body: body ? JSON.stringify(body) : undefined,
        credentials: "omit",
        mode: "cors"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, data: data, retryAfter: response.headers.get("Retry-After") };
        });
      });
    }

    function metadata() { return { company: company, lang: lang }; }

    function conversation() {
      var state = readState();
      if (state.id && state.secret) return Promise.resolve(state);
      return api("POST", "/api/conversations", { metadata: metadata() }).then(function (r) {
        if (r.status !== 201) throw r;
        state = readState();
        state.id = r.data.id;
        state.secret = r.data.secret;
        writeState(state);
        return state;
      });
    }

    function forgetConversation() {
      var state = readState();
      delete state.id;
      delete state.secret;
      writeState(state);
    }

    function startFresh(text) {  // the conversation was deleted: no local copy, a new one next time
      forgetConversation();
      log.textContent = "";
      if (text) addMessage("bot", text);
    }

    // What failed (action: send, history, download, delete, optOut), then why.
    function errorText(r, action) {
      var what = action === "history" ? t("failed_history") : action === "download" ? t("failed_download")
        : action === "delete" ? t("failed_delete") : action === "optOut" ? t("failed_optOut") : t("failed_send");
      if (!r || !r.status) return what + " " + t("errorNetwork");
      if (r.status === 429) return what + " " + t("errorRate", { seconds: r.retryAfter || "60" });
      if (r.status === 413) return what + " " + (maxChars ? t("errorTooLong", { max: maxChars }) : t("errorOther"));
      if (r.status === 503) return what + " " + t("errorUnavailable");
      return what + " " + t("errorOther");
    }

    function deliver(message, retried) {
      return conversation().then(function (state) {
        return api("POST", "/api/conversations/" + encodeURIComponent(state.id) + "/messages",
          { message: message, metadata: metadata() }, state.secret);
      }).then(function (r) {
        if (r.status === 404 && !retried) {  // the conversation is gone (expired or deleted): start anew
          forgetConversation();
          return deliver(message, true);
        }
        if (r.status !== 200) throw r;
        return r;
      });
    }

    function send(message, shown) {
      if (busy) return;
      busy = true;
      showError("");
      sendButton.disabled = true;
      var item = addMessage("user", shown);
      item.classList.add("pb-pending");
      typing.hidden = false;
      deliver(message, false).then(function (r) {
        markStored(item, r.data.user, r.data.labels);
        renderReply(r.data);
        if (rights) rights.refresh();
      }, function (r) {
        item.parentNode.removeChild(item);
        if (shown === message && !input.value) { input.value = message; autosize(); }  // nothing lost
        showError(errorText(r, "send"));
      }).then(function () {
        busy = false;
        typing.hidden = true;
        sendButton.disabled = false;
      });
    }

    function restoreHistory() {
      var state = readState();
      if (!state.id || !state.secret) {
        welcome = addMessage("bot", t("welcome"));
        return;
      }
      api("GET", "/api/conversations/" + encodeURIComponent(state.id) + "/messages?lang=" + lang, null, state.secret)
        .then(function (r) {
          if (r.status === 404 || r.status === 401) {
            forgetConversation();
            welcome = addMessage("bot", t("welcome"));
            return;
          }
          if (r.status !== 200) throw r;
          if (!r.data.messages.length) welcome = addMessage("bot", t("welcome"));
          var last = r.data.messages.length - 1;
          r.data.messages.forEach(function (m, i) {
            var kind = m.sender === "user" || m.sender === "notice" ? m.sender : "bot";
            addMessage(kind, m.text, {
              lang: m.lang, labels: r.data.labels, buttons: i === last ? m.buttons : null,
              time: m.sent_at ? new Date(m.sent_at) : null,
              redacted: kind === "user" && m.redacted_types && m.redacted_types.length
            });
          });
        })
        .catch(function (r) { showError(errorText(r, "history")); });
    }

    // ---- open, close, keyboard ----
    // On a phone or at 400 % zoom the panel covers the page: it is then modal, and Tab
    // stays inside it.
    function covers() {
      var box = panel.getBoundingClientRect();
      return !panel.hidden && box.width >= window.innerWidth - 2 && box.height >= window.innerHeight - 2;
    }
    function focusables() {
      return Array.prototype.filter.call(
        panel.querySelectorAll("button, select, textarea, input, a[href], [tabindex='0']"),
        function (node) { return !node.disabled && node.getClientRects().length && !node.closest("dialog:not([open])"); }
      );
    }
    function contain() {
      if (covers()) panel.setAttribute("aria-modal", "true"); else panel.removeAttribute("aria-modal");
    }
    window.addEventListener("resize", contain);
    document.addEventListener("focusin", function (event) {
      if (covers() && !panel.contains(event.target)) (focusables()[0] || panel).focus();
    });

    function open(focus) {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("pb-open");
      setOpen(true);
      scrollDown();
      contain();
      if (focus) (accepted() ? input : acceptButton).focus();
    }
    function close() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      root.classList.remove("pb-open");
      setOpen(false);
      launcher.focus();
    }

    launcher.addEventListener("click", function () { panel.hidden ? open(true) : close(); });
    closeButton.addEventListener("click", close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      if (event.key !== "Tab" || !covers()) return;
      var list = focusables(), first = list[0], last = list[list.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    acceptButton.addEventListener("click", function () {
      var state = readState();
      state.accepted = true;
      writeState(state);
      showNotice();
      input.focus();
    });
    langSelect.addEventListener("change", function () {
      lang = langSelect.value;
      var state = readState();
      state.lang = lang;
      writeState(state);
      applyLanguage();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      if (!text.trim() || busy) return;
      input.value = "";
      autosize();
      clearReplies();
      send(text, text);
    });
    // The input grows with its text up to a few lines (CSS max-height), then scrolls.
    function autosize() {
      input.style.height = "auto";
      input.style.height = input.scrollHeight + 2 + "px";
    }
    input.addEventListener("input", autosize);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else sendButton.click();
      }
    });

    applyLanguage();
    showNotice();
    restoreHistory();
    if (wasOpen()) open(false);
  }

  load(function () {
    if (!known) {
      if (window.console) console.error("privacybot: the server serves no company " + JSON.stringify(company));
      return;
    }
    if (document.body) start();
    else document.addEventListener("DOMContentLoaded", start);
  });
})();
