-- Headless Neovim with OncoLex attached (test/unit/neovim.test.ts runs it): opens the Markdown file given on
-- the command line, waits for OncoLex's diagnostics, asks for a hover, writes both as JSON to $ONCOLEX_NVIM_OUT
-- and quits. Neovim 0.8+ attaches with vim.lsp.start; 0.7 (Debian 12) with start_client + buf_attach_client.
local out = os.getenv('ONCOLEX_NVIM_OUT')
local cli = os.getenv('ONCOLEX_CLI')
local result = { diagnostics = {}, hover = vim.NIL, error = vim.NIL }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.bo.filetype = 'markdown'
  local config = {
    name = 'oncolex',
    cmd = { 'node', cli, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':p:h'),
    settings = { oncolex = { displayLanguage = 'en' } },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, client_id)
  end
  result.client = client_id ~= nil
  local diagnosed = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  result.timedOut = not diagnosed
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  -- Hover on the first word of line 3 (Pembrolizumab).
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 2, character = 3 } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(responses) do
    if r.result then result.hover = r.result.contents.value end
  end
end)
if not ok then result.error = tostring(err) end
finish()
