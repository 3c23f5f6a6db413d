// The deck's behaviour (components/templates/deck/page.html runs it once per rendered deck; its settings are the
// deck's data-config attribute). Kiosk: advance every `interval` seconds, wrapping round; a touch, click or key
// pauses it, and it resumes after `idle` seconds without one. Presenter: clicker and keyboard keys. Both remember
// the slide in sessionStorage; the presenter also keeps it in the URL (?slide=N) so a reload stays there.
// A re-rendered deck (Streamlit reconnecting after a server restart) stops the old one's timers first.
//
// The page title carries the slide: while the deck runs, document.title ends with ' · N/T' (a space, U+00B7
// MIDDLE DOT, a space, the current slide number, '/', the total), e.g. '鄂尔多斯绿色转型 · 3/12', updated on
// every slide change in the kiosk and the presenter. The page's own title stays before the marker, an old marker
// is stripped before the new one is added, and when Streamlit sets the title again (its page config, on every
// run and after a reconnect) the marker is put back. Another team's watchdog reads it: keep this format.
//
// Care for the panels: with cfg.drift the slides and the strip move by one pixel every DRIFT_MS, along a path
// that stays within DRIFT_PX of the centre (a triangle wave in x, a slightly slower one in y, so the path
// covers the square over hours), set from the wall clock so a reload takes up the same position. With cfg.sleep
// ([start, end] minutes after midnight, crossing midnight allowed) the screen is dark with a small clock during
// those hours, by this computer's clock, checked at every full minute; the loop carries on underneath (the title
// marker keeps changing, so the watchdog knows the page is alive), touches and keys wake nothing.
(function () {
  var script = document.currentScript, root = script && script.closest('.ordos-deck');
  if (!root) return;
  if (window.__ordosDeck) window.__ordosDeck.stop();
  var cfg = JSON.parse(root.getAttribute('data-config'));
  var slides = root.querySelectorAll('.od-slide'), n = slides.length;
  var dots = root.querySelectorAll('.od-dot'), count = root.querySelector('.od-count');
  var badge = root.querySelector('.od-paused'), bar = root.querySelector('.od-bar i');
  var kiosk = cfg.mode === 'kiosk', i = 0, timer = null, idleTimer = null, paused = false, advances = 0, anim = null;
  var listeners = [], MARKER = / \u00b7 \d+\/\d+$/, titleWatch = null;
  var DRIFT_MS = 150000, DRIFT_PX = 4, driftTimer = null, sleepTimer = null, sleeping = false;
  var night = root.querySelector('.od-sleep'), clock = root.querySelector('.od-clock');
  function on(target, type, fn, opts) { target.addEventListener(type, fn, opts); listeners.push([target, type, fn, opts]); }
  function remembered() {
    try { var v = parseInt(window.sessionStorage.getItem(cfg.key), 10); return isNaN(v) ? null : v; } catch (e) { return null; }
  }
  function markTitle() {
    var title = document.title.replace(MARKER, '') + ' \u00b7 ' + (i + 1) + '/' + n;
    if (document.title !== title) document.title = title;  // unchanged: no write, so the observer below stops here
  }
  function show(k) {
    k = kiosk ? ((k % n) + n) % n : Math.max(0, Math.min(n - 1, k));
    slides[i].classList.remove('on'); slides[i].setAttribute('aria-hidden', 'true');
    if (dots[i]) dots[i].classList.remove('on');
    i = k;
    slides[i].classList.add('on'); slides[i].removeAttribute('aria-hidden');
    if (dots[i]) dots[i].classList.add('on');
    count.textContent = (i + 1) + ' / ' + n;
    count.setAttribute('aria-label', cfg.progress.replace('{no}', i + 1).replace('{total}', n));
    root.setAttribute('data-index', String(i + 1));
    markTitle();
    document.documentElement.classList.toggle('ordos-deck-edge', !kiosk && (i === 0 || i === n - 1));
    try { window.sessionStorage.setItem(cfg.key, String(i)); } catch (e) {}
    if (!kiosk) {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set('slide', String(i + 1));
        window.history.replaceState(window.history.state, '', url.toString());
      } catch (e) {}
    }
  }
  function progress() {
    if (anim) { anim.cancel(); anim = null; }
    if (!kiosk || paused || sleeping || !bar.animate) return;
    anim = bar.animate([{transform: 'scaleX(0)'}, {transform: 'scaleX(1)'}], {duration: cfg.interval * 1000, fill: 'forwards'});
  }
  // One advance of the loop: what the timer does, and what the soak test calls thousands of times.
  function tick() {
    advances += 1; root.setAttribute('data-advances', String(advances));
    show(i + 1); schedule();
  }
  function schedule() {
    clearTimeout(timer); timer = null;
    if (kiosk && !paused) {
      timer = setTimeout(tick, cfg.interval * 1000);
    }
    progress();
  }
  function resume() { paused = false; badge.hidden = true; root.removeAttribute('data-paused'); schedule(); }
  function pause() {
    paused = true; badge.hidden = false; root.setAttribute('data-paused', '1');
    clearTimeout(timer); timer = null; progress();
    clearTimeout(idleTimer); idleTimer = setTimeout(resume, cfg.idle * 1000);
  }
  function go(k) { show(k); if (kiosk) pause(); }
  // the drift's offset at step k: x a triangle wave of period 4 * DRIFT_PX steps, y the same a little slower;
  // from one step to the next each moves by at most one pixel
  function tri(k) {
    var p = 4 * DRIFT_PX, q = ((k % p) + p) % p;
    return q <= DRIFT_PX ? q : (q <= 3 * DRIFT_PX ? 2 * DRIFT_PX - q : q - p);
  }
  function driftAt(k) { return [tri(k), tri(Math.floor(k * 15 / 16) + DRIFT_PX)]; }
  function driftTo(k) {
    var at = driftAt(k);
    root.style.setProperty('--drift-x', at[0] + 'px'); root.style.setProperty('--drift-y', at[1] + 'px');
    root.setAttribute('data-drift', at[0] + ',' + at[1]);
  }
  function drift() {
    var now = Date.now();
    driftTo(Math.floor(now / DRIFT_MS));
    driftTimer = setTimeout(drift, DRIFT_MS - (now % DRIFT_MS) + 20);
  }
  function two(v) { return (v < 10 ? '0' : '') + v; }
  function quiet(d) {
    var m = d.getHours() * 60 + d.getMinutes(), a = cfg.sleep[0], b = cfg.sleep[1];
    return a < b ? (m >= a && m < b) : (m >= a || m < b);
  }
  function sleepCheck() {
    var d = new Date(), now = quiet(d);
    if (now !== sleeping) {
      sleeping = now; night.hidden = !now;
      if (now) { root.setAttribute('data-sleeping', '1'); clearTimeout(idleTimer); resume(); }
      else { root.removeAttribute('data-sleeping'); schedule(); }
    }
    if (sleeping) {  // the clock moves every minute too, within the middle of the screen
      var m = d.getHours() * 60 + d.getMinutes();
      clock.textContent = two(d.getHours()) + ':' + two(d.getMinutes());
      clock.style.left = (12 + (m * 37) % 70) + '%'; clock.style.top = (12 + (m * 53) % 70) + '%';
    }
    sleepTimer = setTimeout(sleepCheck, 60000 - (d.getSeconds() * 1000 + d.getMilliseconds()) + 50);
  }
  function onKey(e) {
    if (sleeping) return;
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var next = ['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'Spacebar'], back = ['PageUp', 'ArrowLeft', 'ArrowUp'];
    if ((e.key === ' ' || e.key === 'Spacebar') && /^(BUTTON|A)$/.test(tag)) return;
    if (next.indexOf(e.key) >= 0) go(i + 1);
    else if (back.indexOf(e.key) >= 0) go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(n - 1);
    else { if (kiosk) pause(); return; }
    e.preventDefault();
  }
  function onTouch(e) {
    if (sleeping) return;
    var target = e.target && e.target.closest ? e.target : null;
    var dot = target && target.closest('.od-dot'), step = target && target.closest('.od-nav');
    if (dot) { go(parseInt(dot.getAttribute('data-to'), 10) - 1); return; }
    if (step && e.type === 'click') { go(i + parseInt(step.getAttribute('data-go'), 10)); return; }
    if (kiosk) pause();
  }
  on(document, 'keydown', onKey, false);
  on(root, 'pointerdown', onTouch, {passive: true});
  on(root, 'touchstart', onTouch, {passive: true});
  on(root, 'click', onTouch, false);
  on(root, 'wheel', function () { if (kiosk) pause(); }, {passive: true});
  var start = kiosk ? remembered() : cfg.start - 1;
  if (start === null || start < 0 || start >= n) start = 0;
  show(start);
  if (cfg.sleep) sleepCheck();
  schedule();
  if (cfg.drift) drift();
  if (window.MutationObserver) {
    titleWatch = new MutationObserver(markTitle);
    titleWatch.observe(document.head, {childList: true, subtree: true, characterData: true});
  }
  window.__ordosDeck = {
    root: root,
    tick: tick,
    driftAt: driftAt,  // for the tests: the path of the drift, step by step
    stop: function () {
      clearTimeout(timer); clearTimeout(idleTimer); clearTimeout(driftTimer); clearTimeout(sleepTimer); if (anim) anim.cancel();
      listeners.forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); });
      listeners = [];
      if (titleWatch) titleWatch.disconnect();
      document.title = document.title.replace(MARKER, '');
      document.documentElement.classList.remove('ordos-deck-edge');
    }
  };
})();
