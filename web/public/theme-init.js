// Runs before the app so the page paints in the right theme. Mirrors src/lib/theme.ts.
(function () {
  var stored = null;
  try { stored = localStorage.getItem('mockroom-theme'); } catch (e) {}
  var dark = stored === 'dark' || (stored !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
})();
