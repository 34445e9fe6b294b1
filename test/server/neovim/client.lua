-- Drives Layerlens' language server from Neovim's built-in LSP client (0.7, Debian's), headless:
-- opens the Dockerfile, waits for the pushed diagnostics, asks for a hover, writes both as JSON.
local server = os.getenv('LAYERLENS_SERVER')
local node = os.getenv('LAYERLENS_NODE')
local file = os.getenv('LAYERLENS_DOCKERFILE')
local out = os.getenv('LAYERLENS_OUT')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'layerlens',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, client_id)

local result = { diagnostics = {} }
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(result.diagnostics, { line = d.lnum, code = d.code, message = d.message })
end
local client = vim.lsp.get_client_by_id(client_id)
local response = client.request_sync('textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = 2, character = 1 },
}, 10000, buf)
if response and response.result then result.hover = response.result.contents end

local handle = io.open(out, 'w')
handle:write(vim.fn.json_encode(result))
handle:close()
vim.cmd('qa!')
