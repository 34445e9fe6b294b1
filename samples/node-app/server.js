const http = require('http');

http.createServer((request, response) => response.end('hello from the sample\n')).listen(8080);
