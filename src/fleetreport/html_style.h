// The HTML report's inline stylesheet and script, as constants (kept apart
// from the markup so html_report.cc stays readable).
#ifndef AMTSCOPE_FLEETREPORT_HTML_STYLE_H_
#define AMTSCOPE_FLEETREPORT_HTML_STYLE_H_

namespace amtscope {

/// Light and dark (prefers-color-scheme) and print styles. Verdict colours:
/// red, amber, blue (told apart with red-green colour-blindness; text >= 4.5:1
/// on the background), dashed lines for the trend, and
/// every coloured mark also carries its text.
inline constexpr const char* kReportCss = R"css(
:root{--bg:#fff;--fg:#1a1a1a;--muted:#555;--line:#d0d0d0;--card:#f5f6f8;
--v:#c0392b;--u:#9a6700;--n:#0b6fb0;--x:#777;--accent:#0b6fb0;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#16181c;--fg:#e8e8e8;--muted:#a8adb5;
--line:#3a3f47;--card:#22262c;--v:#ff7a66;--u:#f0c04a;--n:#5fb4f0;--x:#9aa0a6;--accent:#5fb4f0}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:1.7em;margin:0 0 4px}
h2{font-size:1.25em;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.meta,.note{color:var(--muted);font-size:.9em;margin:4px 0}
.verdict-line{font-size:1.05em;margin:12px 0 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:18px 0 0}
.card{background:var(--card);border-radius:8px;padding:14px 16px;border-left:6px solid var(--x)}
.card .num{display:block;font-size:2.3em;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.card .lbl{font-weight:600}.card .sub{display:block;color:var(--muted);font-size:.85em}
.card.c-vuln{border-left-color:var(--v)}.card.c-vuln .num{color:var(--v)}
.card.c-fixed{border-left-color:var(--n)}.card.c-new{border-left-color:var(--u)}.card.c-amt{border-left-color:var(--accent)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:0 28px}
figure{margin:0}figcaption{color:var(--muted);font-size:.85em}
svg.chart{width:100%;height:auto;max-width:760px;display:block}
svg .grid{stroke:var(--line);stroke-width:1}
svg text{fill:var(--fg);font-size:12px}svg .tick{fill:var(--muted);font-size:11px}
svg .axis-label{font-size:12px;font-weight:600}svg .val{font-size:11px;font-weight:600}
svg .bar.v,svg .pt.v{fill:var(--v)}svg .bar.u,svg .pt.u{fill:var(--u)}svg .bar.n,svg .pt.n{fill:var(--n)}
svg .line{fill:none;stroke-width:2.5}svg .line.v{stroke:var(--v)}svg .line.u{stroke:var(--u);stroke-dasharray:6 3}
svg .line.n{stroke:var(--n);stroke-dasharray:2 3}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;gap:18px;flex-wrap:wrap;font-size:.9em}
.legend li::before{content:"";display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.legend .v::before{background:var(--v)}.legend .u::before{background:var(--u)}.legend .n::before{background:var(--n)}
table{border-collapse:collapse;width:100%;font-size:.86em}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--card);white-space:nowrap}
#devtable table{table-layout:fixed}#devtable td{overflow-wrap:break-word}#devtable th{white-space:normal}
.devhead{position:sticky;top:0;z-index:1}.devchunk{content-visibility:auto}
.devchunk table{border-top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:inherit;cursor:pointer;padding:0}th button::after{content:" \2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \2191"}th[aria-sort=descending] button::after{content:" \2193"}
td.V{color:var(--v);font-weight:700}td.U{color:var(--u);font-weight:600}td.N{color:var(--n)}td.X{color:var(--x)}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}
.controls[hidden]{display:none}
.controls input,.controls select{font:inherit;padding:4px 8px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px}
.controls input{min-width:260px}
code{font-size:.92em}
a{color:var(--accent)}
footer{padding-bottom:32px}
@media print{
@page{margin:12mm}
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--card:#f2f2f2;--v:#b02a1a;--u:#8a6400;--n:#0b5f96}
body{font-size:10pt}header,main,footer{max-width:none;padding:0}
.controls{display:none!important}.devhead{position:static}.devchunk{content-visibility:visible}
table{font-size:8pt}thead{display:table-header-group}tr,figure,.card{break-inside:avoid}
h2{break-after:avoid}.grid2{display:block}a{color:inherit;text-decoration:none}
}
)css";

/// Sorting (click a header; numbers and addresses in numeric order, the
/// verdict column by severity) and filtering (text, verdict) of the device
/// table: the matching rows, in order, are dealt into the chunks again.
/// Without JavaScript the table is complete and in severity order.
inline constexpr const char* kReportJs = R"js(
(function(){
var box=document.getElementById('devtable');if(!box)return;
var VC=+box.getAttribute('data-verdict-col'),per=+box.getAttribute('data-chunk'),
chunks=Array.prototype.map.call(box.querySelectorAll('.devchunk'),function(c){return {div:c,tb:c.querySelector('tbody')};}),
all=[],q=document.getElementById('q'),vf=document.getElementById('vf'),shown=document.getElementById('shown'),
sev={'vulnerable':3,'unknown':2,'not-vulnerable':1,'not-amt':0},
col=new Intl.Collator(undefined,{numeric:true,sensitivity:'base'});
chunks.forEach(function(c){Array.prototype.push.apply(all,c.tb.rows);});
var order=all.slice();
document.getElementById('controls').hidden=false;
function render(){var s=q.value.trim().toLowerCase(),v=vf.value,list=order.filter(function(r){
return (!v||r.cells[VC].textContent===v)&&(!s||r.textContent.toLowerCase().indexOf(s)>=0);});
chunks.forEach(function(c,k){var part=list.slice(k*per,(k+1)*per),t=c.tb.parentNode;t.removeChild(c.tb);
c.tb.textContent='';var f=document.createDocumentFragment();part.forEach(function(r){f.appendChild(r);});
c.tb.appendChild(f);t.appendChild(c.tb);c.div.hidden=!part.length;
c.div.style.containIntrinsicSize='auto '+(part.length*40)+'px';});
shown.textContent=list.length+' of '+all.length+' devices shown';}
q.addEventListener('input',render);vf.addEventListener('change',render);
var ths=box.querySelector('thead').rows[0].cells;
Array.prototype.forEach.call(ths,function(th,i){var b=document.createElement('button');b.type='button';
b.textContent=th.textContent;th.textContent='';th.appendChild(b);
b.addEventListener('click',function(){var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(ths,function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var keyed=order.map(function(r,k){return [r.cells[i].textContent,r,k];});
keyed.sort(function(a,b){var c=i===VC?sev[a[0]]-sev[b[0]]:col.compare(a[0],b[0]);return c?dir*c:a[2]-b[2];});
order=keyed.map(function(k){return k[1];});render();});});
shown.textContent=all.length+' of '+all.length+' devices shown';
})();
)js";

}  // namespace amtscope

#endif  // AMTSCOPE_FLEETREPORT_HTML_STYLE_H_
