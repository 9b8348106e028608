-- copydesk for Neovim >= 0.11: starts `copydesk lsp` on articles and adds a
-- few commands around it. Nothing happens until `require("copydesk").setup{}`.

local M = {}

M.name = "copydesk"
M.fix_all_kind = "source.fixAll.copydesk"
M.table_file = "copydesk.table.json"
M.config_file = "copydesk.json"

local defaults = {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  -- The root is the nearest folder holding the first marker found, tried in
  -- this order; with none, the article's own folder.
  root_markers = { "copydesk.json", ".git" },
  tables = nil, -- list of table files, sent as `tables`
  no_default_table = nil, -- true: skip the table built into the server
  rules = nil, -- { ["rule-code"] = "error"|"warning"|"information"|"hint"|"off" }
  style = nil, -- preferred forms, e.g. { "Việt Nam", "Hà Nội" }
  publication_date = nil, -- "YYYY-MM-DD"
  language = nil, -- "en"|"vi": the articles' language when their front matter gives none
  date_order = nil, -- "dmy"|"mdy": numeric dates in English text
  log_file = nil, -- server log path
  save_table_edits = true, -- write copydesk.table.json / copydesk.json after the server edits them
  enable = true, -- false: register the config but do not start it
}

local known_options = {
  tables = true,
  no_default_table = true,
  rules = true,
  style = true,
  publication_date = true,
  language = true,
  date_order = true,
  log_file = true,
}
for k in pairs(defaults) do
  known_options[k] = true
end

-- What setup() was given, merged over the defaults.
M.options = nil

local function notify(msg, level)
  vim.notify("copydesk: " .. msg, level or vim.log.levels.INFO)
end

local function is_empty(v)
  return v == nil or (type(v) == "table" and next(v) == nil)
end

--- The settings object of the language server contract (camelCase keys), built
--- from setup()'s snake_case options. Unset options are left out.
---@param opts table
---@return table
function M.server_settings(opts)
  local s = {}
  if not is_empty(opts.tables) then
    s.tables = vim.tbl_map(function(p)
      return vim.fs.normalize(p)
    end, opts.tables)
  end
  if opts.no_default_table ~= nil then
    s.noDefaultTable = opts.no_default_table and true or false
  end
  if not is_empty(opts.rules) then
    s.rules = vim.deepcopy(opts.rules)
  end
  if not is_empty(opts.style) then
    s.style = vim.deepcopy(opts.style)
  end
  if opts.publication_date ~= nil then
    s.publicationDate = opts.publication_date
  end
  if opts.language ~= nil then
    s.language = opts.language
  end
  if opts.date_order ~= nil then
    s.dateOrder = opts.date_order
  end
  if opts.log_file ~= nil then
    s.logFile = vim.fs.normalize(opts.log_file)
  end
  if next(s) == nil then
    -- an empty Lua table would be sent as a JSON array
    return vim.empty_dict()
  end
  return s
end

--- Root folder for a buffer: the nearest folder holding `copydesk.json`, else
--- the nearest holding `.git`, else the file's own folder. Buffers without a
--- file (or with a URL-like name) get no root, so the server does not start.
---@param bufnr integer
---@param markers? string[]
---@return string?
function M.root_for(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or name:match("^%a[%w+.-]*://") then
    return nil
  end
  for _, marker in ipairs(markers or (M.options or defaults).root_markers) do
    local root = vim.fs.root(bufnr, marker)
    if root then
      return root
    end
  end
  return vim.fs.dirname(vim.fs.normalize(name))
end

local function language_id(_, filetype)
  if filetype == "text" then
    return "plaintext"
  end
  return filetype
end

--- The vim.lsp.Config handed to vim.lsp.config("copydesk", ...).
---@param opts table
---@return table
function M.lsp_config(opts)
  local settings = M.server_settings(opts)
  return {
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    root_dir = function(bufnr, on_dir)
      local root = M.root_for(bufnr, opts.root_markers)
      if root then
        on_dir(root)
      end
    end,
    get_language_id = language_id,
    init_options = settings,
    settings = { copydesk = settings },
    handlers = { ["workspace/applyEdit"] = M.apply_edit },
  }
end

--- Running copydesk clients, for one buffer or all.
---@param bufnr? integer
---@return vim.lsp.Client[]
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = M.name, bufnr = bufnr })
end

local function client_for(bufnr)
  local client = M.clients(bufnr)[1]
  if not client then
    notify("no copydesk server is attached to this buffer", vim.log.levels.WARN)
  end
  return client
end

--- The buffer a command acts on (opts.bufnr or the current one) and its client.
local function target(opts)
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  return bufnr, client_for(bufnr)
end

-- Saving the workspace table after the server edits it -------------------------
--
-- The add-to-table code actions run a server command, which sends the
-- workspace edit back with workspace/applyEdit: a CreateFile for
-- copydesk.table.json and TextDocumentEdits for it and for copydesk.json
-- (which gets the table added to its `tables`). Neovim applies those to hidden
-- buffers and leaves them unsaved, so the server (which reads them from disk)
-- and the next session would never see the new entry. copydesk's clients get
-- their own workspace/applyEdit handler (M.apply_edit, in the config's
-- `handlers`), which applies the edit as Neovim does and writes those two files
-- right after, as long as they held no unsaved changes of the user's before the
-- edit (and drops the buffers the edit itself loaded). Then the copydesk
-- clients are told with workspace/didChangeWatchedFiles, since Neovim does not
-- watch files on Linux. Edits from other language servers are not touched.

-- Files a workspace edit creates or edits, in order, and which it creates.
local function edit_uris(edit)
  local uris, seen, created = {}, {}, {}
  local function add(uri)
    if type(uri) == "string" and not seen[uri] then
      seen[uri] = true
      uris[#uris + 1] = uri
    end
  end
  for _, change in ipairs(edit.documentChanges or {}) do
    if change.kind == "create" then
      add(change.uri)
      created[change.uri] = true
    elseif change.kind == nil and change.textDocument then
      add(change.textDocument.uri)
    end
  end
  for uri in pairs(edit.changes or {}) do
    add(uri)
  end
  return uris, created
end

local function is_workspace_file(uri)
  if not uri:match("^file:") then
    return false
  end
  local base = vim.fs.basename(vim.uri_to_fname(uri))
  return base == M.table_file or base == M.config_file
end

--- Write one file of the edit; returns its FileEvent when written.
local function save_table(target)
  local bufnr = target.bufnr
  if not vim.api.nvim_buf_is_loaded(bufnr) or not vim.bo[bufnr].modified then
    return nil
  end
  if target.was_empty then
    -- Text inserted into an empty buffer keeps the buffer's one empty line
    -- after it; written with 'eol' that would add a blank line at the end.
    local n = vim.api.nvim_buf_line_count(bufnr)
    if n > 1 and vim.api.nvim_buf_get_lines(bufnr, n - 1, n, false)[1] == "" then
      vim.api.nvim_buf_set_lines(bufnr, n - 1, n, false, {})
    end
  end
  local ok, err = pcall(vim.api.nvim_buf_call, bufnr, function()
    vim.cmd("silent keepalt write")
  end)
  if not ok then
    notify("could not save " .. target.fname .. ": " .. tostring(err), vim.log.levels.ERROR)
    return
  end
  if not target.was_loaded and vim.fn.bufwinid(bufnr) == -1 then
    -- The user did not have it open: leave no buffer behind.
    pcall(vim.api.nvim_buf_delete, bufnr, {})
  end
  -- FileChangeType: 1 created, 2 changed
  return { uri = target.uri, type = target.existed and 2 or 1 }
end

--- The files of a workspace edit to save once it is applied (those the user has no
--- unsaved changes in), creating the ones Neovim would skip.
local function files_to_save(workspace_edit)
  local targets = {}
  if not (M.options and M.options.save_table_edits and type(workspace_edit) == "table") then
    return targets
  end
  local uris, created = edit_uris(workspace_edit)
  for _, uri in ipairs(uris) do
    if is_workspace_file(uri) then
      local fname = vim.uri_to_fname(uri)
      local bufnr = vim.uri_to_bufnr(uri)
      local loaded = vim.api.nvim_buf_is_loaded(bufnr)
      local dirty = loaded and vim.bo[bufnr].modified
      local stat = vim.uv.fs_stat(fname)
      local existed = stat ~= nil
      if not existed and created[uri] then
        -- Neovim 0.11 skips a CreateFile that has ignoreIfExists even when
        -- the file is missing; create it (and its folder) here.
        vim.fn.mkdir(vim.fs.dirname(fname), "p")
        local f = io.open(fname, "a")
        if f then
          f:close()
        end
      end
      if not dirty then
        targets[#targets + 1] = {
          uri = uri,
          fname = fname,
          bufnr = bufnr,
          existed = existed,
          was_loaded = loaded,
          was_empty = stat == nil or stat.size == 0,
        }
      end
    end
  end
  return targets
end

--- The `workspace/applyEdit` handler of copydesk's clients: Neovim's own handler,
--- then the table and config files of the edit are saved and the copydesk clients
--- told. Other language servers' edits go through Neovim's handler untouched.
---@param err lsp.ResponseError?
---@param params lsp.ApplyWorkspaceEditParams
---@param ctx lsp.HandlerContext
function M.apply_edit(err, params, ctx)
  local targets = files_to_save(params and params.edit)
  local result = vim.lsp.handlers["workspace/applyEdit"](err, params, ctx)
  local changes = {}
  for _, t in ipairs(targets) do
    changes[#changes + 1] = save_table(t)
  end
  if #changes > 0 then
    -- The server that sent the edit, and every other copydesk server.
    local told = M.clients()
    local own = ctx and vim.lsp.get_client_by_id(ctx.client_id)
    if own and not vim.tbl_contains(told, own) then
      told[#told + 1] = own
    end
    for _, client in ipairs(told) do
      client:notify("workspace/didChangeWatchedFiles", { changes = changes })
    end
  end
  return result
end

-- Commands ---------------------------------------------------------------------

--- Show the hover card of the word under the cursor in a float.
--- opts.on_result(result, float_bufnr, float_winid) is called when the answer
--- comes (result is nil when there is no card).
---@param opts? { bufnr?: integer, on_result?: fun(result: table?, buf: integer?, win: integer?) }
function M.card(opts)
  opts = opts or {}
  local bufnr, client = target(opts)
  if not client then
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  client:request("textDocument/hover", params, function(err, result)
    if err then
      notify("hover failed: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    end
    local lines = {}
    if result and result.contents then
      lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
    end
    if err or #lines == 0 then
      if not err then
        notify("no card for this word")
      end
      if opts.on_result then
        opts.on_result(nil)
      end
      return
    end
    local fbuf, fwin = vim.lsp.util.open_floating_preview(lines, "markdown", {
      border = "rounded",
      focus_id = "copydesk-card",
      max_width = 80,
    })
    if fwin and vim.api.nvim_win_is_valid(fwin) then
      vim.wo[fwin].linebreak = true -- wrap long lines between words
    end
    if opts.on_result then
      opts.on_result(result, fbuf, fwin)
    end
  end, bufnr)
end

--- Apply the server's `source.fixAll.copydesk` code action to the buffer.
---@param bufnr? integer
function M.fix_all(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local clients = M.clients(bufnr)
  if #clients == 0 then
    notify("no copydesk server is attached to this buffer", vim.log.levels.WARN)
    return
  end
  local diagnostics = {}
  for _, client in ipairs(clients) do
    for _, pull in ipairs({ false, true }) do
      local ns = vim.lsp.diagnostic.get_namespace(client.id, pull)
      for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = ns })) do
        if d.user_data and d.user_data.lsp then
          diagnostics[#diagnostics + 1] = d.user_data.lsp
        end
      end
    end
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local last_line = vim.api.nvim_buf_get_lines(bufnr, last - 1, last, false)[1] or ""
  vim.api.nvim_buf_call(bufnr, function()
    vim.lsp.buf.code_action({
      context = { only = { M.fix_all_kind }, diagnostics = diagnostics },
      range = { start = { 1, 0 }, ["end"] = { last, #last_line } },
      apply = true,
    })
  end)
end

--- Ask the server for copydesk/status and show it.
---@param opts? { bufnr?: integer, on_result?: fun(result: table?) }
function M.status(opts)
  opts = opts or {}
  local bufnr, client = target(opts)
  if not client then
    return
  end
  local params = { uri = vim.uri_from_bufnr(bufnr) }
  client:request("copydesk/status", params, function(err, result)
    if err or type(result) ~= "table" then
      notify("status failed: " .. (err and err.message or "no answer"), vim.log.levels.ERROR)
    else
      local lines = {
        ("copydesk: %d entries in %d table(s); findings here: %s"):format(
          result.entries or 0,
          #(result.tables or {}),
          result.findings == nil and "-" or tostring(result.findings)
        ),
      }
      for _, t in ipairs(result.tables or {}) do
        lines[#lines + 1] = ("  %s (%d)"):format(t.path, t.entries or 0)
      end
      vim.notify(table.concat(lines, "\n"))
    end
    if opts.on_result then
      opts.on_result(result)
    end
  end, bufnr)
end

--- Open the table file the server uses (copydesk.openTable).
---@param opts? { bufnr?: integer, on_result?: fun(uri: string?) }
function M.open_table(opts)
  opts = opts or {}
  local bufnr, client = target(opts)
  if not client then
    return
  end
  client:exec_cmd({ title = "Open table", command = "copydesk.openTable" }, { bufnr = bufnr }, function(err, result)
    if err or type(result) ~= "string" then
      notify("openTable failed: " .. (err and err.message or "no answer"), vim.log.levels.ERROR)
      result = nil
    else
      vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(result)))
    end
    if opts.on_result then
      opts.on_result(result)
    end
  end)
end

--- Change settings while running: merges `opts` (same keys as setup) into the
--- current ones, updates the config for servers started later and sends
--- workspace/didChangeConfiguration to the running ones.
---@param opts table
function M.update(opts)
  assert(M.options, "copydesk: call setup() first")
  local merged = vim.tbl_extend("force", M.options, opts or {})
  if opts.rules then
    merged.rules = vim.tbl_extend("force", M.options.rules or {}, opts.rules)
  end
  M.options = merged
  local settings = M.server_settings(merged)
  vim.lsp.config(M.name, { init_options = settings, settings = { copydesk = settings } })
  for _, client in ipairs(M.clients()) do
    client.settings = { copydesk = settings }
    client:notify("workspace/didChangeConfiguration", { settings = client.settings })
  end
end

local function create_commands()
  local cmd = vim.api.nvim_create_user_command
  cmd("CopydeskCard", function()
    M.card()
  end, { desc = "copydesk: show the card for the word under the cursor" })
  cmd("CopydeskFixAll", function()
    M.fix_all()
  end, { desc = "copydesk: apply every fix in this buffer" })
  cmd("CopydeskStatus", function()
    M.status()
  end, { desc = "copydesk: tables and findings" })
  cmd("CopydeskOpenTable", function()
    M.open_table()
  end, { desc = "copydesk: open the reference table" })
end

--- Register and enable the copydesk language server.
---@param opts? table see README.md
function M.setup(opts)
  if vim.fn.has("nvim-0.11") == 0 then
    notify("needs Neovim 0.11 or later (see README.md for a 0.10 snippet)", vim.log.levels.ERROR)
    return
  end
  opts = opts or {}
  local unknown = {}
  for k in pairs(opts) do
    if not known_options[k] then
      unknown[#unknown + 1] = k
    end
  end
  if #unknown > 0 then
    table.sort(unknown)
    notify("unknown option(s): " .. table.concat(unknown, ", "), vim.log.levels.WARN)
  end
  M.options = vim.tbl_extend("force", vim.deepcopy(defaults), opts)
  if type(M.options.cmd) == "string" then
    M.options.cmd = { M.options.cmd, "lsp" }
  end
  vim.lsp.config(M.name, M.lsp_config(M.options))
  create_commands()
  vim.lsp.enable(M.name, M.options.enable ~= false)
end

return M
