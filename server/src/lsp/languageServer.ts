/**
 * The one module of the server that imports vscode-languageserver; the others import it from here.
 * The bundler gives every file that imports a CommonJS module its own copy of that module's exports,
 * a getter per name (over 300 here), so a dozen files importing the library kept a dozen copies:
 * 0.6 MB of the server's heap for its whole life, a tenth of it at start.
 */
export * from 'vscode-languageserver/node';
