// Tree buttons: load children once through htmx, then just show/hide them.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-toggle-tree]");
  if (!button) return;
  var list = document.getElementById(button.getAttribute("aria-controls"));
  var expanded = button.getAttribute("aria-expanded") === "true";
  if (button.dataset.loaded) {
    list.hidden = expanded;
  }
  button.dataset.loaded = "1";
  button.setAttribute("aria-expanded", expanded ? "false" : "true");
  button.firstChild.nodeValue = expanded ? "+" : "−";
});
