// The phone menu is a native <details>: it opens and closes without this script. The script only
// tells assistive technologies its state on the button (aria-expanded), and keeps the menu open
// on wide screens for browsers that cannot show a closed <details>' content through CSS.
(function () {
  "use strict";
  var menu = document.getElementById("nav-menu");
  if (!menu) { return; }
  var toggle = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 40.01rem)");
  function sync() { toggle.setAttribute("aria-expanded", menu.open ? "true" : "false"); }
  function layout() {
    if (wide.matches && !menu.open) { menu.open = true; }
    sync();
  }
  menu.addEventListener("toggle", sync);
  wide.addEventListener("change", layout);
  layout();
})();

// The language switch links to this page in the other language; when htmx pushes a new query
// (filters), the link follows it so the other language shows the same results.
(function () {
  "use strict";
  function follow() {
    var links = document.querySelectorAll("a[data-switch-lang]");
    for (var i = 0; i < links.length; i++) {
      var params = new URLSearchParams(window.location.search);
      params.set("langue", links[i].getAttribute("data-switch-lang"));
      links[i].search = "?" + params.toString();
    }
  }
  document.addEventListener("htmx:pushedIntoHistory", follow);
  document.addEventListener("htmx:replacedInHistory", follow);
})();
