/* The /admin/ dashboard: asks for the admin token, fetches counts, draws them as SVG.
 * No chart library and nothing inline (the page's CSP forbids inline script and style):
 * every element is created here and styled by class from admin.css. The token lives in
 * sessionStorage only, so it is gone when the tab closes. Only counts ever arrive here. */
(function () {
  "use strict";

  var TOKEN_KEY = "privacybot.adminToken";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 760, H = 260, M = { top: 18, right: 18, bottom: 46, left: 56 };
  var SERIES = 10;

  function $(id) { return document.getElementById(id); }

  function token() { return window.sessionStorage.getItem(TOKEN_KEY); }

  function svgEl(name, attrs, parent) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { el.setAttribute(key, String(attrs[key])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function text(parent, x, y, content, cls, anchor) {
    var el = svgEl("text", { x: x, y: y, "class": cls || "axis-label", "text-anchor": anchor || "middle" }, parent);
    el.textContent = content;
    return el;
  }

  function fmt(n) { return Number(n).toLocaleString("en-GB"); }

  /* A tick step of 1, 2, 2.5 or 5 times a power of ten (whole numbers only: these are counts). */
  function tickStep(max, ticks) {
    var raw = Math.max(max / ticks, 1);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) { return steps[i] * power; }
    }
    return 10 * power;
  }

  /* spec: {label, bars: [{label, segments: [{value, cls, name}]}], xLabelEvery, markers: [{at, label}],
   *        gapBefore: index of a bar set apart, yTitle} — ``at`` is a position in bar units. */
  function barChart(container, spec) {
    container.textContent = "";
    var totals = spec.bars.map(function (bar) {
      return bar.segments.reduce(function (sum, s) { return sum + s.value; }, 0);
    });
    var step = tickStep(Math.max.apply(null, totals.concat([0])), 4), top = step * 4;
    var slots = spec.bars.length + (spec.gapBefore != null ? 1 : 0);
    var plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    var slotW = plotW / Math.max(slots, 1);
    var grand = totals.reduce(function (a, b) { return a + b; }, 0);
    var svg = svgEl("svg", {
      viewBox: "0 0 " + W + " " + H, "class": "chart-svg", role: "img",
      "aria-label": spec.label + ": " + fmt(grand) + " in all, " + spec.bars.length + " bars"
    }, container);
    svgEl("title", {}, svg).textContent = spec.label;
    function y(v) { return M.top + plotH - (v / top) * plotH; }
    function slotX(i) { return M.left + (i + (spec.gapBefore != null && i >= spec.gapBefore ? 1 : 0)) * slotW; }

    for (var g = 0; g <= 4; g++) {
      var value = step * g;
      svgEl("line", { x1: M.left, x2: W - M.right, y1: y(value), y2: y(value), "class": "grid" }, svg);
      text(svg, M.left - 6, y(value) + 4, fmt(value), "axis-label", "end");
    }
    if (spec.yTitle) { text(svg, 14, M.top + plotH / 2, spec.yTitle, "axis-title", "middle").setAttribute("transform", "rotate(-90 14 " + (M.top + plotH / 2) + ")"); }

    spec.bars.forEach(function (bar, i) {
      var w = Math.max(1, Math.min(slotW * 0.76, 48)), x = slotX(i) + (slotW - w) / 2, base = 0;
      var group = svgEl("g", { "class": "bar-group", "data-total": totals[i] }, svg);
      bar.segments.forEach(function (segment) {
        if (segment.value <= 0) { return; }
        var rect = svgEl("rect", {
          x: x.toFixed(2), y: y(base + segment.value).toFixed(2), width: w.toFixed(2),
          height: Math.max(0.5, y(base) - y(base + segment.value)).toFixed(2),
          "class": "bar " + (segment.cls || "")
        }, group);
        svgEl("title", {}, rect).textContent = bar.label + (segment.name ? " · " + segment.name : "") + ": " + fmt(segment.value);
        base += segment.value;
      });
      var every = spec.xLabelEvery || 1;
      if (i % every === 0 || bar.alwaysLabel) {
        text(svg, x + w / 2, H - M.bottom + 16, bar.short || bar.label, "axis-label");
      }
    });
    svgEl("line", { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0), "class": "axis" }, svg);
    (spec.markers || []).forEach(function (marker) {
      var mx = M.left + marker.at * slotW;
      svgEl("line", { x1: mx, x2: mx, y1: M.top - 4, y2: y(0), "class": "limit" }, svg);
      text(svg, mx - 4, M.top + 8, marker.label, "limit-label", "end");
    });
    if (spec.xTitle) { text(svg, M.left + plotW / 2, H - 6, spec.xTitle, "axis-title"); }
    if (grand === 0 && spec.empty) { text(svg, M.left + plotW / 2, M.top + plotH / 2, spec.empty, "empty-label"); }
    return svg;
  }

  function legend(container, names) {
    var list = document.createElement("ul");
    list.className = "legend";
    names.forEach(function (name, i) {
      var item = document.createElement("li");
      var swatch = svgEl("svg", { width: 12, height: 12, "aria-hidden": "true" }, item);
      svgEl("rect", { width: 12, height: 12, "class": "bar series-" + (i % SERIES) }, swatch);
      item.appendChild(document.createTextNode(" " + name));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function shortDate(iso) { return iso.slice(5, 10); }

  function drawAge(data) {
    var buckets = data.messages_by_age;
    var bars = buckets.map(function (b) {
      return { label: b.age_days_from + "–" + b.age_days_to + " days old", short: String(b.age_days_from),
               segments: [{ value: b.messages, cls: "bar-stored" }] };
    });
    var width = buckets.length ? buckets[0].age_days_to - buckets[0].age_days_from : 7;
    bars.push({ label: "expired, awaiting purge", short: "expired", alwaysLabel: true,
                segments: [{ value: data.totals.expired_awaiting_purge, cls: "bar-expired" }] });
    barChart($("chart-age"), {
      label: "Stored messages by age in days", bars: bars, xLabelEvery: 4, gapBefore: buckets.length,
      markers: [{ at: data.retention_days / width, label: data.retention_days + "-day limit" }],
      xTitle: "age in days (bars of " + width + " days)", yTitle: "messages", empty: "No stored messages"
    });
  }

  function drawDeletions(data) {
    var bars = data.deletions_by_week.map(function (w, i) {
      return { label: "week of " + w.week_starting.slice(0, 10), short: "+" + (i + 1),
               segments: [{ value: w.messages, cls: "bar-deleted" }] };
    });
    barChart($("chart-deletions"), {
      label: "Messages deleted in each of the coming weeks", bars: bars, xLabelEvery: 2,
      xTitle: "weeks from now", yTitle: "messages", empty: "Nothing due for deletion"
    });
  }

  function drawRedactions(data) {
    var r = data.redactions_by_day, names = Object.keys(r.types);
    var bars = r.days.map(function (day, d) {
      return { label: day, short: shortDate(day), segments: names.map(function (name, i) {
        return { value: r.types[name][d], cls: "series-" + (i % SERIES), name: name };
      }) };
    });
    var container = $("chart-redactions");
    barChart(container, {
      label: "Items redacted from customers' messages per day, by data type", bars: bars, xLabelEvery: 5,
      xTitle: "day collected (UTC)", yTitle: "items redacted", empty: "Nothing redacted in these days"
    });
    legend(container, names);
  }

  function drawPurges(data) {
    var bars = data.purges.map(function (p) {
      var cls = p.dry_run ? "bar-dry" : (p.completed ? "bar-purge" : "bar-incomplete");
      var state = p.dry_run ? "dry run" : (p.completed ? "completed" : "interrupted");
      return { label: p.ran_at.slice(0, 16).replace("T", " ") + " (" + state + ")", short: shortDate(p.ran_at),
               segments: [{ value: p.events_deleted, cls: cls, name: state }] };
    });
    var container = $("chart-purges");
    barChart(container, {
      label: "Events deleted by each purge", bars: bars, xLabelEvery: Math.max(1, Math.ceil(bars.length / 10)),
      xTitle: "purge runs, oldest first", yTitle: "events deleted",
      empty: bars.length ? "The purges found nothing to delete" : "No purge has run yet"
    });
    var list = document.createElement("ul");
    list.className = "legend";
    [["bar-purge", "completed"], ["bar-dry", "dry run"], ["bar-incomplete", "interrupted"]].forEach(function (pair) {
      var item = document.createElement("li");
      var swatch = svgEl("svg", { width: 12, height: 12, "aria-hidden": "true" }, item);
      svgEl("rect", { width: 12, height: 12, "class": "bar " + pair[0] }, swatch);
      item.appendChild(document.createTextNode(" " + pair[1]));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function showForm(message) {
    $("dashboard").hidden = true;
    $("token-form").hidden = false;
    $("token-error").textContent = message || "";
    $("token-input").focus();
  }

  function authorised(path) {
    return window.fetch(path, { headers: { Authorization: "Bearer " + token() }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          window.sessionStorage.removeItem(TOKEN_KEY);
          showForm("That token was not accepted.");
          throw new Error("unauthorised");
        }
        if (!response.ok) { throw new Error("the server answered " + response.status); }
        return response;
      });
  }

  function load() {
    if (!token()) { showForm(""); return; }
    authorised("/admin/api/dashboard").then(function (response) { return response.json(); }).then(function (data) {
      $("token-form").hidden = true;
      $("dashboard").hidden = false;
      var t = data.totals;
      $("summary").textContent = fmt(t.messages) + " messages in " + fmt(t.conversations) +
        " conversations are stored; " + fmt(t.expired_awaiting_purge) + " expired messages await the purge; " +
        fmt(t.conversations_opted_out) + " conversations opted out of training. As of " +
        data.now.slice(0, 16).replace("T", " ") + " UTC; retention " + data.retention_days + " days.";
      drawAge(data);
      drawDeletions(data);
      drawRedactions(data);
      drawPurges(data);
    }).catch(function (error) {
      if (error.message !== "unauthorised") { $("summary").textContent = "Could not load the counts: " + error.message; $("dashboard").hidden = false; }
    });
  }

  function download(format) {
    var status = $("export-status");
    status.textContent = "Exporting…";
    authorised("/admin/export?format=" + format).then(function (response) {
      var disposition = response.headers.get("Content-Disposition") || "";
      var match = /filename="([^"]+)"/.exec(disposition);
      return response.blob().then(function (blob) { return { blob: blob, name: match ? match[1] : "export" }; });
    }).then(function (file) {
      var url = URL.createObjectURL(file.blob);
      var link = document.createElement("a");
      link.href = url;
      link.download = file.name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      status.textContent = "Downloaded " + file.name + ".";
    }).catch(function (error) {
      if (error.message !== "unauthorised") { status.textContent = "Export failed: " + error.message; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("token-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var value = $("token-input").value.trim();
      if (!value) { return; }
      window.sessionStorage.setItem(TOKEN_KEY, value);
      $("token-input").value = "";
      load();
    });
    $("sign-out").addEventListener("click", function () {
      window.sessionStorage.removeItem(TOKEN_KEY);
      showForm("");
    });
    $("export-jsonl").addEventListener("click", function () { download("jsonl"); });
    $("export-rasa").addEventListener("click", function () { download("rasa"); });
    load();
  });
})();
