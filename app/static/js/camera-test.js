// Camera and microphone test: a local preview and a sound level; nothing leaves the browser.
(function () {
  "use strict";
  var start = document.getElementById("camera-start");
  var video = document.getElementById("camera-preview");
  var meter = document.getElementById("mic-level");
  var status = document.getElementById("camera-status");
  if (!start || !video) { return; }
  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = status.getAttribute("data-denied");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(function (stream) {
      video.srcObject = stream;
      status.textContent = status.getAttribute("data-ok");
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context || !meter) { return; }
      var audio = new Context();
      var analyser = audio.createAnalyser();
      audio.createMediaStreamSource(stream).connect(analyser);
      var data = new Uint8Array(analyser.frequencyBinCount);
      (function tick() {
        analyser.getByteFrequencyData(data);
        var sum = 0;
        for (var i = 0; i < data.length; i++) { sum += data[i]; }
        meter.value = Math.min(100, Math.round(sum / data.length));
        window.requestAnimationFrame(tick);
      })();
    }).catch(function () {
      status.textContent = status.getAttribute("data-denied");
    });
  });
})();
