// waimao host script: makes each waimao widget frame on this page as tall as its content. It accepts
// height messages only from the waimao site that served this script, and only for its own frames.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src, location.href).origin;
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.data.waimao !== 'height') return;
    var height = Number(e.data.height);
    if (!(height > 0 && height < 5000)) return;
    var frames = document.querySelectorAll('iframe[data-waimao]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) frames[i].style.height = Math.ceil(height) + 'px';
    }
  });
})();
