(function () {
  'use strict';
  // Filters, search and shareable state for the claimcheck report, and the
  // line-by-line view of the claims documents. The page is rendered
  // server-side except that view, which this script builds from the embedded
  // report when a document is opened (a large audit would otherwise carry
  // every line of every report in its markup). Report text only ever reaches
  // the page through textContent: no innerHTML anywhere.
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


  // ---- The line view ------------------------------------------------------

  var VERDICT = {
    contradicted: { icon: '\u2717', label: 'Contradicted' },
    unverifiable: { icon: '?', label: 'Unverifiable' },
    verified: { icon: '\u2713', label: 'Verified' }
  };
  var LINE_MAX = 2000;
  var TEXT_MAX = 4000;
  var EXCERPT_LINES = 60;
  var EXCERPT_WIDTH = 1000;
  // Control, bidi and zero-width characters are shown, not obeyed (as the server does).
  var INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
  function reveal(text) {
    return String(text).replace(INVISIBLE, function (ch) {
      var hex = ch.charCodeAt(0).toString(16).toUpperCase();
      while (hex.length < 4) hex = '0' + hex;
      return '\u27E8U+' + hex + '\u27E9';
    });
  }
  function cut(text, max) {
    text = String(text == null ? '' : text);
    return reveal(text.length > max ? text.slice(0, max) + '\u2026 [cut at ' + max + ' of ' + text.length + ' characters]' : text);
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function place(path, line, end) {
    if (!line) return path;
    return end && end > line ? path + ':' + line + '-' + end : path + ':' + line;
  }
  function verdictOf(v) { return Object.prototype.hasOwnProperty.call(VERDICT, v) ? v : 'unverifiable'; }
  function chip(v) {
    var c = el('span', 'chip chip-' + v);
    c.appendChild(el('span', null, VERDICT[v].icon)).setAttribute('aria-hidden', 'true');
    c.appendChild(doc.createTextNode(' ' + VERDICT[v].label));
    return c;
  }

  var reportData = null;
  function data() {
    if (reportData) return reportData;
    var node = $('#report-data');
    try { reportData = JSON.parse(node ? node.textContent : '{}') || {}; } catch (e) { reportData = {}; }
    return reportData;
  }

  /** Per document: one record per line, with what the filters and the search look at. */
  var lineDocs = $$('details.rdoc').map(function (d) {
    return {
      el: d, path: d.getAttribute('data-doc') || '', records: null, rendered: false,
      lineCount: Number(d.getAttribute('data-lines')) || 0, statementCount: Number(d.getAttribute('data-statements')) || 0,
      verdictCounts: (d.getAttribute('data-verdicts') || '').split(',').map(Number)
    };
  });
  var claimsById = null;
  var docsByPath = null;
  var statementsByPath = null;

  function index() {
    var r = data();
    claimsById = {};
    docsByPath = {};
    statementsByPath = {};
    (r.claims || []).forEach(function (c) { claimsById[c.id] = c; });
    (r.documents || []).forEach(function (d) { if (!Object.prototype.hasOwnProperty.call(docsByPath, d.path)) docsByPath[d.path] = d; });
    (r.statements || []).forEach(function (s) {
      if (!Object.prototype.hasOwnProperty.call(statementsByPath, s.path)) statementsByPath[s.path] = {};
      statementsByPath[s.path][s.line] = s;
    });
  }

  function buildRecords(ld) {
    if (ld.records) return ld.records;
    if (!claimsById) index();
    var source = Object.prototype.hasOwnProperty.call(docsByPath, ld.path) ? docsByPath[ld.path] : null;
    var statements = Object.prototype.hasOwnProperty.call(statementsByPath, ld.path) ? statementsByPath[ld.path] : {};
    var why = {};
    if (source) (source.passedOver || []).forEach(function (p) { why[p.line] = p.reason; });
    var lines = [];
    if (source && typeof source.text === 'string') {
      // As the parser numbers them: split on \n or \r\n, a final newline ends the last line.
      lines = source.text.split(/\r?\n/);
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
    }
    var records = [];
    var add = function (n, text) {
      var st = statements[n] || null;
      var claims = st ? (st.claims || []).map(function (id) { return claimsById[id]; }).filter(Boolean) : [];
      var hay = String(text);
      if (st) {
        hay += ' ' + st.text;
        claims.forEach(function (c) {
          hay += ' ' + c.kind + ' ' + c.text + ' ' + c.reason;
          (c.evidence || []).forEach(function (e) { hay += ' ' + e.path + ' ' + (e.note || ''); });
        });
      } else if (why[n]) hay += ' ' + why[n];
      records.push({
        n: n, text: text, st: st, claims: claims, why: st ? null : (why[n] || null),
        verdict: st ? verdictOf(st.verdict) : null,
        kinds: claims.map(function (c) { return c.kind; }),
        hay: hay.toLowerCase(), show: true, node: null
      });
    };
    if (lines.length) lines.forEach(function (t, i) { add(i + 1, t); });
    else Object.keys(statements).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) { add(n, statements[n].text); });
    ld.records = records;
    return records;
  }

  function lineNode(rec) {
    var row;
    if (rec.st) {
      row = el('details', 'ln st v-' + rec.verdict);
      var sum = el('summary', 'ln-row');
      sum.appendChild(el('span', 'ln-n', String(rec.n)));
      var v = el('span', 'ln-v');
      v.appendChild(chip(rec.verdict));
      sum.appendChild(v);
      sum.appendChild(el('span', 'ln-t', cut(rec.text, LINE_MAX)));
      sum.appendChild(el('span', 'ln-c', rec.claims.length + (rec.claims.length === 1 ? ' claim' : ' claims')));
      row.appendChild(sum);
      row.addEventListener('toggle', function () { if (row.open) renderClaims(row, rec); });
    } else {
      row = el('div', 'ln ln-row ' + (rec.why ? 'noclaim' : 'plain'));
      row.appendChild(el('span', 'ln-n', String(rec.n)));
      row.appendChild(el('span', 'ln-v'));
      var t = el('span', 'ln-t', cut(rec.text, LINE_MAX));
      row.appendChild(t);
      if (rec.why) row.appendChild(el('span', 'ln-why', 'no claim: ' + cut(rec.why, 300)));
    }
    row.setAttribute('data-line', String(rec.n));
    return row;
  }

  function renderClaims(row, rec) {
    if (row.querySelector('.ln-claims')) return;
    var box = el('div', 'ln-claims');
    // The parsed statement is shown when it says more than the line's own words (a code block, sentences joined).
    var bare = function (t) { return String(t).replace(/[\s*_#>`|-]+/g, '').toLowerCase(); };
    if (rec.st && rec.st.text && bare(rec.text).indexOf(bare(rec.st.text)) < 0) {
      box.appendChild(el('p', 'small muted ln-stmt', 'Statement: ' + cut(rec.st.text, TEXT_MAX)));
    }
    rec.claims.forEach(function (c) {
      var v = verdictOf(c.verdict);
      var item = el('div', 'lc v-' + v);
      var head = el('div', 'lc-head');
      head.appendChild(chip(v));
      head.appendChild(el('code', 'kind', cut(c.kind, 100)));
      head.appendChild(el('span', 'lc-text', cut(c.text, TEXT_MAX)));
      // A large audit's table holds only its worst claims: link only to rows that are there.
      if (/^[A-Za-z0-9_-]+$/.test(String(c.id)) && doc.getElementById('claim-' + c.id)) {
        var a = el('a', 'small lc-link', 'in the claims table');
        a.href = '#claim-' + c.id;
        head.appendChild(a);
      }
      item.appendChild(head);
      item.appendChild(el('div', 'reason', cut(c.reason, TEXT_MAX)));
      (c.evidence || []).forEach(function (e) {
        var ev = el('div', 'evidence');
        var where = el('div', 'small');
        where.appendChild(el('code', 'loc', cut(place(e.path, e.line, e.endLine), 600)));
        if (e.note) where.appendChild(el('span', 'note', ' \u2014 ' + cut(e.note, TEXT_MAX)));
        ev.appendChild(where);
        if (e.excerpt) ev.appendChild(excerpt(e.excerpt, e.line));
        item.appendChild(ev);
      });
      box.appendChild(item);
    });
    if (!rec.claims.length) box.appendChild(el('p', 'muted small', 'The claims of this line are not in the report.'));
    row.appendChild(box);
  }

  function excerpt(text, first) {
    var all = String(text).replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    var shown = all.slice(0, EXCERPT_LINES);
    var start = first && first > 0 ? first : null;
    var last = start === null ? 0 : start + shown.length - 1;
    var digits = Math.min(7, Math.max(3, String(last).length));
    var pre = el('pre', 'excerpt d' + digits);
    pre.tabIndex = 0;
    var code = el('code');
    shown.forEach(function (t, i) {
      var l = el('span', 'l');
      var n = el('span', 'n');
      n.setAttribute('aria-hidden', 'true');
      n.setAttribute('data-n', start === null ? '' : String(start + i));
      l.appendChild(n);
      l.appendChild(el('span', 't', reveal(t.length > EXCERPT_WIDTH ? t.slice(0, EXCERPT_WIDTH) + '\u2026' : t)));
      code.appendChild(l);
      code.appendChild(doc.createTextNode('\n'));
    });
    pre.appendChild(code);
    if (all.length > EXCERPT_LINES) {
      var wrap = el('div');
      wrap.appendChild(pre);
      wrap.appendChild(el('p', 'muted small', (all.length - EXCERPT_LINES) + ' more lines not shown.'));
      return wrap;
    }
    return pre;
  }

  function renderDoc(ld) {
    if (ld.rendered) return;
    ld.rendered = true;
    var box = ld.el.querySelector('.rdoc-lines');
    var frag = doc.createDocumentFragment();
    buildRecords(ld).forEach(function (rec) {
      rec.node = lineNode(rec);
      rec.node.hidden = !rec.show;
      frag.appendChild(rec.node);
    });
    if (!ld.records.length) frag.appendChild(el('p', 'muted small', 'The document is empty.'));
    box.appendChild(frag);
  }

  lineDocs.forEach(function (ld) {
    ld.el.addEventListener('toggle', function () { if (ld.el.open) renderDoc(ld); });
  });

  /**
   * Shows the lines that pass the filters: a statement by its verdict, kind
   * and text; other lines only when no verdict or kind is filtered out.
   * Returns, per verdict, the claimed lines the other filters let through.
   */
  function filterLines(st, words) {
    var everyVerdict = st.v.length === ALL_VERDICTS.length;
    var perVerdict = { contradicted: 0, unverifiable: 0, verified: 0 };
    var shownStatements = 0;
    var totalStatements = 0;
    var shownDocs = 0;
    var filtered = !everyVerdict || !!st.k || !!st.r || words.length > 0;
    lineDocs.forEach(function (ld) {
      var c = ld.el.querySelector('[data-doc-shown]');
      if (!filtered && !ld.records) {
        // Nothing to hide, and a document nobody opened is not read: the counts come from the page.
        ld.el.hidden = false;
        totalStatements += ld.statementCount;
        shownStatements += ld.statementCount;
        shownDocs++;
        if (!st.r || ld.path === st.r) ['contradicted', 'unverifiable', 'verified'].forEach(function (v, i) { perVerdict[v] += ld.verdictCounts[i] || 0; });
        if (c) c.textContent = ld.lineCount + ' lines';
        return;
      }
      var records = buildRecords(ld);
      var inReport = !st.r || ld.path === st.r;
      var shown = 0;
      records.forEach(function (rec) {
        var show;
        if (rec.st) {
          totalStatements++;
          var others = inReport && (!st.k || rec.kinds.indexOf(st.k) >= 0) && matchesText(rec.hay, words);
          if (others) perVerdict[rec.verdict]++;
          show = others && st.v.indexOf(rec.verdict) >= 0;
          if (show) shownStatements++;
        } else {
          show = inReport && everyVerdict && !st.k && matchesText(rec.hay, words);
        }
        rec.show = show;
        if (rec.node) rec.node.hidden = !show;
        if (show) shown++;
      });
      ld.el.hidden = filtered && shown === 0;
      if (!ld.el.hidden) shownDocs++;
      if (c) c.textContent = filtered ? shown + ' of ' + records.length + ' lines shown' : records.length + ' lines';
    });
    setText('#lines-count', shownStatements + ' of ' + totalStatements + ' claimed lines');
    var le = $('#lines-empty'); if (le) le.hidden = shownDocs > 0 || lineDocs.length === 0;
    return perVerdict;
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
    // The verdict toggles count report lines when there is a line view (it is the page's main view;
    // the claims table may hold only the worst claims of a large audit), else claims.
    var perLine = filterLines(st, words);
    var counts = lineDocs.length ? perLine : perVerdict;
    $$('[data-count-verdict]').forEach(function (el) { el.textContent = String(counts[el.getAttribute('data-count-verdict')] || 0); });
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
    // Lazily built parts are built now: a closed document has no lines to print yet.
    lineDocs.forEach(renderDoc);
    lineDocs.forEach(function (ld) { (ld.records || []).forEach(function (rec) { if (rec.st && rec.node) renderClaims(rec.node, rec); }); });
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
  lineDocs.forEach(function (ld) { if (ld.el.open) renderDoc(ld); });
})();
