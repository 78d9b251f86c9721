// The door page, better with JavaScript: scan the QR code of a confirmation with the camera
// (the browser's BarcodeDetector where present, else jsQR on canvas frames) and keep the
// keyboard flow short. Without JavaScript the page works with plain forms.
(function () {
  "use strict";
  var CODE = /^[A-Z0-9]{6,8}$/;
  var MAX_SIDE = 640; // enough pixels for a QR code held close; keeps jsQR fast on a phone
  var stream = null;
  var timer = null;
  var detector = null;

  function root() { return document.querySelector("[data-door]"); }
  function text(name) { var r = root(); return (r && r.dataset[name]) || ""; }

  function say(message) {
    var box = document.getElementById("door-message");
    if (!box) { return; }
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "utrecht-paragraph";
    p.textContent = message;
    box.appendChild(p);
  }

  function decodePixels(source, width, height) {
    if (typeof window.jsQR !== "function" || !width || !height) { return null; }
    var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    var w = Math.max(1, Math.round(width * scale));
    var h = Math.max(1, Math.round(height * scale));
    var canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, w, h);
    var found = window.jsQR(context.getImageData(0, 0, w, h).data, w, h);
    return found ? found.data : null;
  }

  // Decode a QR code from an <img> with jsQR: resolves to its text, or null.
  function decodeImage(image) {
    return new Promise(function (resolve) {
      function go() { resolve(decodePixels(image, image.naturalWidth, image.naturalHeight)); }
      if (image.complete && image.naturalWidth) { go(); return; }
      image.addEventListener("load", go, { once: true });
      image.addEventListener("error", function () { resolve(null); }, { once: true });
    });
  }

  // Put a scanned code in the search box and search, as if it had been typed.
  function submitCode(value) {
    var code = String(value || "").trim().toUpperCase();
    var form = document.getElementById("door-search");
    var input = document.querySelector("[data-door-query]");
    if (!form || !input) { return false; }
    if (!CODE.test(code)) { say(text("doorMsgNotACode")); return false; }
    input.value = code;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    return true;
  }

  function cameraParts() {
    return {
      box: document.querySelector("[data-door-camera]"),
      video: document.querySelector("[data-door-video]"),
      status: document.querySelector("[data-door-scan-status]"),
      start: document.querySelector("[data-door-scan]"),
    };
  }

  function stopCamera() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    var parts = cameraParts();
    if (parts.video) { parts.video.srcObject = null; }
    if (parts.box) { parts.box.hidden = true; }
  }

  function readFrame(video) {
    if (detector) {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    return Promise.resolve(decodePixels(video, video.videoWidth, video.videoHeight));
  }

  function scan() {
    var video = cameraParts().video;
    if (!stream || !video) { return; }
    readFrame(video).then(function (value) {
      if (!stream) { return; }
      if (value && CODE.test(String(value).trim().toUpperCase())) {
        stopCamera();
        submitCode(value);
        return;
      }
      if (value) { say(text("doorMsgNotACode")); }
      timer = setTimeout(scan, 200);
    }, function () {
      timer = setTimeout(scan, 300);
    });
  }

  function makeDetector() {
    if (!("BarcodeDetector" in window)) { return Promise.resolve(null); }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      return formats.indexOf("qr_code") >= 0
        ? new window.BarcodeDetector({ formats: ["qr_code"] })
        : null;
    }).catch(function () { return null; });
  }

  function startCamera() {
    var parts = cameraParts();
    stopCamera();
    parts.box.hidden = false;
    parts.status.textContent = text("doorMsgScanning");
    Promise.all([
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
      makeDetector(),
    ]).then(function (results) {
      stream = results[0];
      detector = results[1];
      parts.video.srcObject = stream;
      return parts.video.play();
    }).then(scan).catch(function () {
      stopCamera();
      say(text("doorMsgNoCamera"));
    });
  }

  function focusSearch() {
    var input = document.querySelector("[data-door-query]");
    if (input) { input.focus(); input.select(); }
  }

  // Search while typing (a pause of 300 ms); Enter searches at once and cancels the pause,
  // so a late search cannot replace the results the Enter put the focus in.
  function searchWhileTyping() {
    var form = document.getElementById("door-search");
    var input = document.querySelector("[data-door-query]");
    var pause = null;
    if (!form || !input || !window.htmx) { return; }
    input.addEventListener("input", function () {
      clearTimeout(pause);
      pause = setTimeout(function () { pause = null; window.htmx.trigger(form, "doorsearch"); }, 300);
    });
    form.addEventListener("submit", function () { clearTimeout(pause); pause = null; });
  }

  function setUp() {
    var parts = cameraParts();
    searchWhileTyping();
    var canScan = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    if (parts.start && canScan) {
      parts.start.hidden = false;
      parts.start.addEventListener("click", startCamera);
    }
    var stop = document.querySelector("[data-door-scan-stop]");
    if (stop) {
      stop.addEventListener("click", function () { stopCamera(); focusSearch(); });
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { stopCamera(); }
    });
  }

  // After an htmx swap has settled (its forms are live): an explicit search with one result
  // puts the focus on its button (type, Enter, Enter); after a check-in or undo the search box
  // is ready for the next one.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var config = event.detail.requestConfig || {};
    var trigger = config.triggeringEvent;
    if (!target || !target.id) { return; }
    if (target.id === "door-results") {
      if (config.verb === "post") { focusSearch(); return; }
      var buttons = document.querySelectorAll("#door-results form button");
      if (trigger && trigger.type === "submit" && buttons.length === 1) { buttons[0].focus(); }
    } else if (target.id === "walk-in") {
      var summary = document.querySelector("#walk-in .md-error-summary");
      var first = document.querySelector("#walk-in input[name=first_name]");
      if (summary) { summary.focus(); } else if (first) { first.focus(); }
    }
  });

  window.meedoenDoor = { decodeImage: decodeImage, submitCode: submitCode };
  document.addEventListener("DOMContentLoaded", setUp);
})();
