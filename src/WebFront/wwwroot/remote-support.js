// Remote-support commands (SPEC RS-5). The clipboard takes the commands with the typed proxy password, which the page
// never shows; proxytunnel's paths are remembered for the browser session, so every customer page offers them again.
window.comRemoteSupport = (() => {
  const pathsKey = 'com.remoteSupport.paths';

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Older browsers, or a page not served over HTTPS: the clipboard API is missing or refused.
      const area = document.createElement('textarea');
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const done = document.execCommand('copy');
      area.remove();
      return done;
    }
  }

  function loadPaths() {
    try {
      return JSON.parse(sessionStorage.getItem(pathsKey) || 'null');
    } catch {
      return null;
    }
  }

  function savePaths(unix, windows) {
    sessionStorage.setItem(pathsKey, JSON.stringify({ unix, windows }));
  }

  return { copy, loadPaths, savePaths };
})();
