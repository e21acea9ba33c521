// Interactive transcript: each line is a button that seeks the video; the line being spoken is marked.
(function () {
  "use strict";
  var video = document.getElementById("player");
  if (!video) { return; }
  // Play, pause and seek with real buttons (keyboard and screen readers), whatever the browser's
  // own controls offer; the video itself stays focusable for its native controls.
  var toggle = document.getElementById("play-toggle");
  function label() {
    if (toggle) { toggle.textContent = toggle.getAttribute(video.paused ? "data-play" : "data-pause"); }
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      if (video.paused) { video.play(); } else { video.pause(); }
    });
    video.addEventListener("play", label);
    video.addEventListener("pause", label);
  }
  document.querySelectorAll("[data-seek]").forEach(function (button) {
    button.addEventListener("click", function () {
      var t = video.currentTime + parseFloat(button.getAttribute("data-seek"));
      video.currentTime = Math.max(0, Math.min(t, video.duration || t));
    });
  });
  // Caption language (radio buttons, arrow keys): show the chosen track, hide the others.
  document.querySelectorAll("input[name=captions]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      for (var i = 0; i < video.textTracks.length; i++) {
        var track = video.textTracks[i];
        track.mode = track.language === radio.value ? "showing" : "disabled";
      }
    });
  });
  var lines = document.querySelectorAll("[data-cue-start]");
  if (!lines.length) { return; }
  lines.forEach(function (line) {
    line.addEventListener("click", function () {
      video.currentTime = parseFloat(line.getAttribute("data-cue-start"));
      video.focus();
    });
  });
  var current = null;
  video.addEventListener("timeupdate", function () {
    var t = video.currentTime, found = null;
    lines.forEach(function (line) {
      var start = parseFloat(line.getAttribute("data-cue-start"));
      var end = parseFloat(line.getAttribute("data-cue-end"));
      if (t >= start && t < end) { found = line; }
    });
    if (found === current) { return; }
    if (current) { current.removeAttribute("aria-current"); }
    if (found) { found.setAttribute("aria-current", "true"); }
    current = found;
  });
})();
