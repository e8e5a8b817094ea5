// Idle sign-out (SPEC AUTH-5). A Blazor page talks to the server over its circuit, not through requests that would
// refresh the session cookie, so the browser keeps count: activity refreshes the cookie at most once a minute, and the
// session's timeout without any activity posts the sign-out form. Kiosk screens get a timeout of 0: never signed out,
// and their cookie is refreshed on a timer, since nobody touches them.
window.comIdle = (() => {
  const refreshEvery = 60_000;
  const kioskRefreshEvery = 10 * 60_000;
  let lastActivity = Date.now();
  let lastRefresh = Date.now();

  function timeoutMs() {
    const marker = document.getElementById('com-idle');
    const minutes = marker ? Number(marker.dataset.minutes) : 0;
    return minutes > 0 ? minutes * 60_000 : 0;
  }

  function signOut(reason) {
    const form = document.getElementById('com-signout');
    if (!form) return;
    form.action = reason ? `account/signout?reason=${reason}` : 'account/signout';
    form.submit();
  }

  function onActivity() {
    lastActivity = Date.now();
    if (timeoutMs() > 0 && lastActivity - lastRefresh > refreshEvery) {
      lastRefresh = lastActivity;
      keepAlive();
    }
  }

  function keepAlive() {
    fetch('account/keepalive', { method: 'POST', credentials: 'same-origin' });
  }

  for (const type of ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart']) {
    document.addEventListener(type, onActivity, { passive: true });
  }
  setInterval(() => {
    if (document.getElementById('com-idle')?.dataset.kiosk === 'true') keepAlive();
  }, kioskRefreshEvery);

  setInterval(() => {
    const timeout = timeoutMs();
    if (timeout > 0 && Date.now() - lastActivity >= timeout) signOut('idle');
  }, 5_000);

  return { signOut };
})();
