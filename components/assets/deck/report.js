// A screen's report to the server (components/slides/reporter.py mounts this as an st.components.v2 component inside
// an st.fragment, on /kiosk and /present opened with ?screen=NAME): every `every` seconds, once on the page's first
// mount and once the websocket reconnected (when the new session's first run is done), it sends what the deck shows. The name, language and
// version are the server's; the browser sends only these numbers, and the server bounds them (core/screens.py):
//   slide, total   the slide shown (#ordos-deck data-index, else the title's ' · N/T' marker) and the deck's length
//   state          playing | paused (a touch) | sleeping (quiet hours)
//   uptime         seconds since this page was loaded (a reload starts again from 0)
//   reconnects     how often the websocket came back since then (Streamlit's connection state CONNECTED again)
// One timer and one observer per page, whatever Streamlit does with the component: a fragment rerun or a new
// session after a server restart mounts it again, and that mount only hands over its way to send.
export default function (component) {
  var state = window.__ordosReport;
  if (!state) {
    state = window.__ordosReport = {mounts: 0, reconnects: 0, sent: 0, last: 0, trigger: null, timer: null, watch: null};
    state.read = function () {
      var deck = document.getElementById('ordos-deck'), out = {slide: null, total: null, state: null};
      var marker = / \u00b7 (\d+)\/(\d+)$/.exec(document.title);
      if (deck) {
        out.slide = parseInt(deck.getAttribute('data-index'), 10) || null;
        out.total = deck.querySelectorAll('.od-slide').length || null;
        out.state = deck.hasAttribute('data-sleeping') ? 'sleeping' : (deck.hasAttribute('data-paused') ? 'paused' : 'playing');
      } else if (marker) {
        out.slide = +marker[1]; out.total = +marker[2];
      }
      out.uptime = Math.round(performance.now() / 100) / 10;
      out.reconnects = state.reconnects;
      return out;
    };
    // what the tests call to report now (the soak test reports hundreds of times)
    state.send = function () {
      if (!state.trigger) return false;
      var report = state.read();
      state.sent += 1; state.last = Date.now();
      report.seq = state.sent;
      state.trigger('report', report);
      return true;
    };
    // a report sent while the new session's first run is still going is lost: wait for that run to end (a minute at most)
    var whenIdle = function (fn, tries) {
      var app = document.querySelector('[data-testid="stApp"]');
      if (!app || app.getAttribute('data-test-script-state') === 'notRunning' || tries >= 60) fn();
      else setTimeout(function () { whenIdle(fn, tries + 1); }, 1000);
    };
    var app = document.querySelector('[data-testid="stApp"]'), was = null;
    if (app && window.MutationObserver) {
      was = app.getAttribute('data-test-connection-state');
      state.watch = new MutationObserver(function () {
        var now = app.getAttribute('data-test-connection-state');
        if (now === was) return;
        if (now === 'CONNECTED' && was !== null) {
          state.reconnects += 1;
          setTimeout(function () { whenIdle(state.send, 0); }, 1000);
        }
        was = now;
      });
      state.watch.observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
    }
  }
  var every = Math.max(5, +((component.data || {}).every) || 30) * 1000;
  state.mounts += 1;
  state.trigger = component.setTriggerValue;
  if (!state.timer) state.timer = setInterval(state.send, every);
  if (state.sent === 0 || Date.now() - state.last > every) state.send();
  var mine = component.setTriggerValue;
  return function () { if (state.trigger === mine) state.trigger = null; };
}
