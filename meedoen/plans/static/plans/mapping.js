// Mapping session: a live countdown, no polling swap while someone is typing, and drag and
// drop of notes between rings (the select + "Move" button does the same without a mouse).
(function () {
  "use strict";

  let timer = null;

  function startCountdown() {
    if (timer) { clearInterval(timer); timer = null; }
    const box = document.querySelector("[data-countdown]");
    if (!box) { return; }
    const text = box.querySelector("[data-countdown-text]");
    const end = Date.now() + Number(box.dataset.countdown) * 1000;
    const tick = function () {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      text.textContent = minutes + ":" + seconds;
      if (left === 0) {
        // The next poll (every 2 s) brings the revealed notes.
        clearInterval(timer);
        timer = null;
      }
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  // Someone has unsent text in the board (a note, a reflection or a decision being written),
  // wherever the focus is now (they may have moved on to pick a ring): a field whose value
  // differs from what the server sent.
  function typing(board) {
    return Array.from(board.querySelectorAll("input[type=text], textarea")).some(function (field) {
      return field.value !== field.defaultValue;
    });
  }

  // Where focus was before the board is swapped, so keyboard users keep their place.
  let focusId = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    const board = document.getElementById("board");
    if (!board) { return; }
    if (event.detail.elt === board && typing(board)) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    focusId = event.detail.elt.matches("[data-refocus]") ? "id_text" :
      (active && board.contains(active) && active.id ? active.id : null);
  });

  // A poll that was already on its way when someone started typing must not replace the
  // board either: that would wipe what they typed.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const board = document.getElementById("board");
    const poll = event.detail.requestConfig && event.detail.requestConfig.elt === board;
    if (board && poll && typing(board)) {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    startCountdown();
    if (focusId) {
      const again = document.getElementById(focusId);
      if (again) { again.focus(); }
      focusId = null;
    }
  });

  document.addEventListener("dragstart", function (event) {
    const note = event.target.closest && event.target.closest("[data-note]");
    if (note) { event.dataTransfer.setData("text/plain", note.dataset.note); }
  });
  document.addEventListener("dragover", function (event) {
    if (event.target.closest && event.target.closest("[data-drop-ring]")) { event.preventDefault(); }
  });
  document.addEventListener("drop", function (event) {
    const zone = event.target.closest && event.target.closest("[data-drop-ring]");
    if (!zone) { return; }
    event.preventDefault();
    const id = event.dataTransfer.getData("text/plain");
    const note = document.querySelector('[data-note="' + CSS.escape(id) + '"]');
    if (!note) { return; }
    const form = note.querySelector("form");
    form.querySelector("select[name=ring]").value = zone.dataset.dropRing;
    if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
  });

  document.addEventListener("DOMContentLoaded", startCountdown);
})();
