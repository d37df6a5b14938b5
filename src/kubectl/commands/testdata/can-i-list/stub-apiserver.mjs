import http from 'node:http';
import { readFileSync } from 'node:fs';
const status = JSON.parse(readFileSync(process.argv[2], 'utf8'));
http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: {}, status }));
  });
}).listen(18099);
