import ox from 'oxigraph';
function gen(start, n){ const nq=[]; for (let i=start;i<start+n;i++){ const g=`<http://x/r${i}>`; for(let j=0;j<10;j++) nq.push(`<http://x/r${i}> <http://x/p${j}> "v${i}-${j}" ${g} .`); nq.push(`<http://x/r${i}> <http://x/e> _:b${i} ${g} .\n_:b${i} <http://x/v> "z" ${g} .`)} return nq.join('\n')+'\n'; }
const N = +process.argv[2]; const chunk = +process.argv[3];
const s = new ox.Store(); const parts=[]; for (let i=0;i<N;i+=chunk) parts.push(gen(i,chunk));
let t=performance.now(); s.load(parts, {format:'application/n-quads', no_transaction:true});
console.log('iter', N, chunk, 'ms', (performance.now()-t).toFixed(0), s.size);
console.log(s.query('SELECT (COUNT(DISTINCT ?b) AS ?c) WHERE { GRAPH ?g { ?s <http://x/e> ?b . ?b <http://x/v> ?z } }', {results_format:'csv'}));
