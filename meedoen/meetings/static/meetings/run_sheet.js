// The run sheet's clock ticks every second between the server's updates (every 5 s).
(function () {
  "use strict";
  let timer = null;

  function start() {
    if (timer) { clearInterval(timer); timer = null; }
    const box = document.querySelector("[data-run-seconds]");
    if (!box) { return; }
    const clock = box.querySelector("[data-run-clock]");
    const end = Date.now() + Number(box.dataset.runSeconds) * 1000;
    const tick = function () {
      const left = Math.round((end - Date.now()) / 1000);
      const size = Math.abs(left);
      const text = Math.floor(size / 60) + ":" + String(size % 60).padStart(2, "0");
      clock.textContent = (left < 0 ? "+" : "") + text;
      box.classList.toggle("md-sheet__clock--over", left < 0);
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
})();
