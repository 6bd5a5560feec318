(function () {
  'use strict';
  // Filters, search and shareable state for the claimcheck report. The page
  // is rendered server-side; this script only shows and hides what is there
  // and never turns report text into markup (no innerHTML anywhere).
  var doc = document;
  var $ = function (sel) { return doc.querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };

  var verdictBoxes = $$('input[name="verdict"]');
  var kindSel = $('#f-kind');
  var reportSel = $('#f-report');
  var sevSel = $('#f-severity');
  var search = $('#f-q');
  var status = $('#f-status');
  if (!kindSel || !reportSel || !sevSel || !search) return;

  var claimRows = $$('tr.claim').map(function (el) {
    return { el: el, verdict: el.getAttribute('data-verdict'), kind: el.getAttribute('data-kind'), report: el.getAttribute('data-report'), text: el.textContent.toLowerCase() };
  });
  // A finding shows only its line; its file is in the group's summary, and the search must see both.
  var findingEls = $$('article.finding').map(function (el) {
    var file = el.closest('details.file');
    var path = file ? file.querySelector('summary .path') : null;
    return { el: el, severity: el.getAttribute('data-severity'), text: ((path ? path.textContent + ' ' : '') + el.textContent).toLowerCase() };
  });
  var ALL_VERDICTS = verdictBoxes.map(function (b) { return b.value; });

  function readState() {
    var h = location.hash.replace(/^#/, '');
    var state = { v: ALL_VERDICTS.slice(), k: '', r: '', s: '', q: '' };
    if (h.indexOf('=') < 0) return state;
    var p = new URLSearchParams(h);
    if (p.has('v')) state.v = p.get('v').split(',').filter(function (v) { return ALL_VERDICTS.indexOf(v) >= 0; });
    state.k = p.get('k') || '';
    state.r = p.get('r') || '';
    state.s = p.get('s') || '';
    state.q = p.get('q') || '';
    return state;
  }

  function currentState() {
    return {
      v: verdictBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
      k: kindSel.value, r: reportSel.value, s: sevSel.value, q: search.value
    };
  }

  function applyToControls(state) {
    verdictBoxes.forEach(function (b) { b.checked = state.v.indexOf(b.value) >= 0; });
    setSelect(kindSel, state.k);
    setSelect(reportSel, state.r);
    setSelect(sevSel, state.s);
    search.value = state.q;
  }

  function setSelect(sel, value) {
    var ok = $$('option', sel).some(function (o) { return o.value === value; });
    sel.value = ok ? value : '';
  }

  function writeHash(state) {
    var p = new URLSearchParams();
    if (state.v.length !== ALL_VERDICTS.length) p.set('v', state.v.join(','));
    if (state.k) p.set('k', state.k);
    if (state.r) p.set('r', state.r);
    if (state.s) p.set('s', state.s);
    if (state.q) p.set('q', state.q);
    var h = p.toString();
    var url = location.href.replace(/#.*$/, '') + (h ? '#' + h : '');
    // Only the state hash is ours; a plain anchor (#claims) is left alone until a filter changes.
    if (h || location.hash.indexOf('=') >= 0) history.replaceState(null, '', url);
  }

  function matchesText(text, words) {
    for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    return true;
  }

  function update() {
    var st = currentState();
    var words = st.q.toLowerCase().split(/\s+/).filter(Boolean);
    var perVerdict = {};
    ALL_VERDICTS.forEach(function (v) { perVerdict[v] = 0; });
    var shownClaims = 0;
    claimRows.forEach(function (row) {
      var others = (!st.k || row.kind === st.k) && (!st.r || row.report === st.r) && matchesText(row.text, words);
      if (others) perVerdict[row.verdict] = (perVerdict[row.verdict] || 0) + 1;
      var show = others && st.v.indexOf(row.verdict) >= 0;
      row.el.hidden = !show;
      if (show) shownClaims++;
    });
    $$('[data-count-verdict]').forEach(function (el) { el.textContent = String(perVerdict[el.getAttribute('data-count-verdict')] || 0); });

    var shownFindings = 0;
    findingEls.forEach(function (f) {
      var show = (!st.s || f.severity === st.s) && matchesText(f.text, words);
      f.el.hidden = !show;
      if (show) shownFindings++;
    });
    $$('details.file').forEach(function (d) {
      var n = $$('article.finding', d).filter(function (a) { return !a.hidden; }).length;
      d.hidden = n === 0;
      var c = d.querySelector('[data-count-file]');
      if (c) c.textContent = String(n);
    });
    $$('section.cat').forEach(function (s) {
      var n = $$('article.finding', s).filter(function (a) { return !a.hidden; }).length;
      s.hidden = n === 0;
      var c = s.querySelector('[data-count-category]');
      if (c) c.textContent = String(n);
    });

    setText('#claims-count', shownClaims + ' of ' + claimRows.length);
    setText('#findings-count', shownFindings + ' of ' + findingEls.length);
    var ce = $('#claims-empty'); if (ce) ce.hidden = shownClaims > 0 || claimRows.length === 0;
    var fe = $('#findings-empty'); if (fe) fe.hidden = shownFindings > 0 || findingEls.length === 0;
    status.textContent = 'Showing ' + shownClaims + ' of ' + claimRows.length + ' claims and ' + shownFindings + ' of ' + findingEls.length + ' findings.';
    writeHash(st);
  }

  function setText(sel, text) { var el = $(sel); if (el) el.textContent = text; }

  verdictBoxes.forEach(function (b) { b.addEventListener('change', update); });
  [kindSel, reportSel, sevSel].forEach(function (s) { s.addEventListener('change', update); });
  search.addEventListener('input', update);
  $('#f-reset').addEventListener('click', function () {
    applyToControls({ v: ALL_VERDICTS.slice(), k: '', r: '', s: '', q: '' });
    update();
  });
  window.addEventListener('hashchange', function () {
    if (location.hash.indexOf('=') >= 0) { applyToControls(readState()); update(); }
  });
  doc.addEventListener('keydown', function (e) {
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); search.focus(); }
    else if (e.key === 'Escape' && t === search && search.value) { search.value = ''; update(); }
  });

  // Printing shows everything that the filters leave visible, folded parts included.
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    reopened = $$('details:not([open])');
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  var dl = $('#download-json');
  if (dl) dl.addEventListener('click', function () {
    var data = $('#report-data');
    if (!data) return;
    var blob = new Blob([data.textContent], { type: 'application/json' });
    var a = doc.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'claimcheck-report.json';
    doc.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });

  applyToControls(readState());
  update();
})();
