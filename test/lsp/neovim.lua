-- Driven by neovim.test.ts: Neovim's built-in LSP client (0.7+) runs `runbook-notes lsp --stdio`
-- on a note, and what the editor then shows is written to $RN_RESULT as JSON. Every wait is
-- bounded; any error is written to the result too, and Neovim always quits.
local result = {}

local function shown(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code, href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  return items
end

local function has_code(buf, code)
  for _, d in ipairs(shown(buf)) do
    if d.code == code then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.RN_NOTE))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  local root = vim.env.RN_ROOT
  local id = vim.lsp.start_client({
    name = 'runbook-notes',
    cmd = { vim.env.RN_NODE, vim.env.RN_CLI, 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'notes' } },
    flags = { debounce_text_changes = 20 },
    settings = { runbookNotes = { lint = { delayMs = 0 }, rules = { ['owner-missing'] = 'error' } } },
    -- Neovim 0.7 answers workspace/configuration but does not say so: settings are sent, as its manual advises.
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  if not id then error('vim.lsp.start_client did not start the server') end
  vim.lsp.buf_attach_client(buf, id)

  result.opened_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  result.opened = shown(buf)

  -- A keystroke's worth of change, sent as an incremental didChange: the owner settles RN001.
  vim.api.nvim_buf_set_lines(buf, 2, 2, false, { 'owner: "@search-team"' })
  result.edited_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 and not has_code(buf, 'RN001') end, 20)
  result.edited = shown(buf)
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  -- The quick fixes of the first diagnostic, as `vim.lsp.buf.code_action()` asks for them.
  local first = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(buf, 0) or {}
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = first },
  }, 10000)
  result.actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(result.actions, action.title) end
  end

  vim.lsp.stop_client(id)
  result.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end)
if not ok then result.error = tostring(err) end

local file = io.open(vim.env.RN_RESULT, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
