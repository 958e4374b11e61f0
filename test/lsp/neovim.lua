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

  -- Typing, sent as incremental didChange notifications: a rollback section settles RN002.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { '', '## Rollback', '', 'Drop the index: `DROP INDEX CONCURRENTLY articles_listing_idx;`' })
  result.edited_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 and not has_code(buf, 'RN002') end, 20)
  result.edited = shown(buf)

  -- The quick fixes of the diagnostics on the first line, as `vim.lsp.buf.code_action()` asks for them.
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, 0) },
  }, 10000)
  result.actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(result.actions, action.title) end
  end

  -- Fix on save as the README shows it: the source.fixAll action, applied before writing.
  local params = vim.lsp.util.make_range_params()
  params.context = { only = { 'source.fixAll.runbook-notes' }, diagnostics = {} }
  result.fix_all = {}
  for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.fix_all, action.kind)
      if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') end
    end
  end
  vim.cmd('write')
  result.fixed_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 and not has_code(buf, 'RN012') end, 20)
  result.fixed = shown(buf)
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  vim.lsp.stop_client(id)
  result.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end)
if not ok then result.error = tostring(err) end

local file = io.open(vim.env.RN_RESULT, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
