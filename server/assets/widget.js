// waimao widget: tooltips by pointer and keyboard over the chart's category targets, and the page's
// height posted to the host page so that its frame can follow the content (host.js).
(function () {
  var svg = document.querySelector('svg[data-embed-chart]');
  var tip = document.querySelector('.tip');
  var hits = svg ? Array.prototype.slice.call(svg.querySelectorAll('.hit')) : [];
  var current = -1;

  function show(i, x, y) {
    if (current >= 0 && hits[current]) hits[current].classList.remove('on');
    current = i;
    if (i < 0 || !hits[i]) { tip.hidden = true; tip.textContent = ''; return; }
    hits[i].classList.add('on');
    tip.textContent = hits[i].getAttribute('data-tip');
    tip.hidden = false;
    var box = document.querySelector('.w').getBoundingClientRect();
    var r = hits[i].getBoundingClientRect();
    var left = x === undefined ? r.left + r.width / 2 : x;
    var top = y === undefined ? r.top + 12 : y + 14;
    tip.style.left = Math.max(0, Math.min(left - box.left - tip.offsetWidth / 2, box.width - tip.offsetWidth)) + 'px';
    tip.style.top = (top - box.top) + 'px';
  }

  if (svg && hits.length) {
    svg.setAttribute('tabindex', '0');
    hits.forEach(function (h, i) {
      h.addEventListener('pointerenter', function (e) { show(i, e.clientX, e.clientY); });
      h.addEventListener('pointermove', function (e) { show(i, e.clientX, e.clientY); });
    });
    svg.addEventListener('pointerleave', function () { show(-1); });
    svg.addEventListener('keydown', function (e) {
      var next = current;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = Math.min(hits.length - 1, current + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = Math.max(0, current < 0 ? hits.length - 1 : current - 1);
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = hits.length - 1;
      else if (e.key === 'Escape') next = -1;
      else return;
      e.preventDefault();
      show(next);
    });
    svg.addEventListener('blur', function () { show(-1); });
  }

  // The host page's frame follows the content's height.
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last && window.parent !== window) {
      last = h;
      window.parent.postMessage({ waimao: 'height', height: h }, '*');
    }
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener('load', post);
  post();
})();
