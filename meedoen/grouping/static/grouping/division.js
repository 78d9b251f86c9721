// The table division page, two small enhancements; everything also works without JavaScript.
// 1. Drag a person to another table: a drop fills in the same "Move to table" form that
//    works with the keyboard, and sends it.
// 2. When the background search ends, show the new tables by reloading the page, unless
//    something is being typed in one of the forms (then the status links to them).
(function () {
  "use strict";
  let typing = false;

  document.addEventListener("input", function (event) {
    if (event.target.form) { typing = true; }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!typing && document.querySelector("#run-status[data-run-finished]")) {
      window.location.reload();
    }
  });

  function tableOf(element) {
    return element.closest("[data-drop-table]");
  }

  function setUp() {
    let dragged = null;

    document.querySelectorAll("tr[data-assignment]").forEach(function (row) {
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("md-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.dataset.assignment);
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("md-dragging");
        dragged = null;
        document.querySelectorAll(".md-drop-table--over").forEach(function (box) {
          box.classList.remove("md-drop-table--over");
        });
      });
    });

    document.querySelectorAll("[data-drop-table]").forEach(function (box) {
      function accepts() {
        // Only within the same round, and only to another table.
        if (!dragged) { return false; }
        const from = tableOf(dragged);
        return from && from !== box && from.dataset.round === box.dataset.round;
      }
      box.addEventListener("dragover", function (event) {
        if (!accepts()) { return; }
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        box.classList.add("md-drop-table--over");
      });
      box.addEventListener("dragleave", function (event) {
        if (!box.contains(event.relatedTarget)) {
          box.classList.remove("md-drop-table--over");
        }
      });
      box.addEventListener("drop", function (event) {
        if (!accepts()) { return; }
        event.preventDefault();
        box.classList.remove("md-drop-table--over");
        const form = document.getElementById("move-form-" + dragged.dataset.assignment);
        if (!form) { return; }
        form.querySelector("select[name=table]").value = box.dataset.dropTable;
        form.requestSubmit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
