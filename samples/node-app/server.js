const http = require('http');
const ms = require('ms');

http.createServer((request, response) => response.end(`hello from the sample, up ${ms(process.uptime() * 1000)}\n`)).listen(8080);
