-- End-to-end test of the copydesk Neovim plugin against a real `copydesk lsp`.
--
--   COPYDESK_BIN=/path/to/copydesk nvim --headless --clean -i NONE -l editors/nvim/test/e2e.lua
--
-- Environment:
--   COPYDESK_BIN              server binary (required unless COPYDESK_E2E_PLUGIN_ONLY=1)
--   COPYDESK_E2E_PLUGIN_ONLY  1: only the checks that need no server
--   COPYDESK_E2E_TIMEOUT      milliseconds to wait for each server answer (default 20000)
--   COPYDESK_E2E_KEEP         1: keep the temporary workspace and print where it is
--
-- Prints one line per check and ends with `N passed, M failed`; exits 1 on any failure.

local uv = vim.uv

local function out(s)
  io.stdout:write(s, "\n")
  io.stdout:flush()
end

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin_dir = vim.fn.fnamemodify(here, ":h")
local fixtures = here .. "/fixtures"
local timeout = tonumber(vim.env.COPYDESK_E2E_TIMEOUT or "") or 20000
local plugin_only = vim.env.COPYDESK_E2E_PLUGIN_ONLY == "1"
local bin = vim.env.COPYDESK_BIN
local tmp -- the temporary folder of this run (workspaces, tables), removed at the end

vim.opt.rtp:prepend(plugin_dir)
vim.cmd("filetype on")
vim.o.swapfile = false
vim.o.hidden = true

-- Record what the plugin and Neovim tell the user instead of drawing it
-- (print would go to stderr without a line end and run into our lines).
_G.print = function(...)
  out("  [print] " .. table.concat(vim.tbl_map(tostring, { ... }), " "))
end
vim.notify = function(msg, level)
  out(("  [notify %s] %s"):format(level or "-", msg))
end
-- A prompt would hang a headless run: refuse, and remember it was asked.
local prompts = {}
vim.ui.select = function(items, _, on_choice)
  local titles = vim.tbl_map(function(it)
    return type(it) == "table" and it.action and it.action.title or vim.inspect(it)
  end, items)
  prompts[#prompts + 1] = titles
  out("  [select refused] " .. table.concat(titles, " | "))
  on_choice(nil)
end

-- Checks -----------------------------------------------------------------------

local passed, failed, skipped = 0, 0, 0

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out("ok   - " .. name)
  else
    failed = failed + 1
    out("FAIL - " .. name .. (detail and (": " .. detail) or ""))
  end
  return ok
end

local function eq(name, got, want)
  local ok = vim.deep_equal(got, want)
  return check(name, ok, not ok and ("got %s, want %s"):format(vim.inspect(got), vim.inspect(want)) or nil)
end

local function skip(name, why)
  skipped = skipped + 1
  out("skip - " .. name .. ": " .. why)
end

local server_gone -- set to a function once the server runs: true when it has exited

local function wait(cond, ms)
  local met = false
  vim.wait(ms or timeout, function()
    local ok, v = pcall(cond)
    met = ok and v and true or false
    return met or (server_gone ~= nil and server_gone())
  end, 20)
  return met
end

-- Run fn; an error inside counts as one failed check and the run goes on.
local function section(name, fn)
  out("# " .. name)
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    check(name .. " (ran to the end)", false, tostring(err))
  end
end

local function finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  if vim.env.COPYDESK_E2E_KEEP == "1" then
    out("workspace kept at " .. tostring(tmp))
  elseif tmp then
    vim.fn.delete(tmp, "rf")
  end
  out(("%d passed, %d failed%s"):format(passed, failed, skipped > 0 and (", %d skipped"):format(skipped) or ""))
  os.exit(failed == 0 and 0 or 1)
end

-- Files --------------------------------------------------------------------------

local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("*a")
  f:close()
  return s
end

local function write(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), "p")
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local function realpath(p)
  return uv.fs_realpath(p) or p
end

tmp = realpath(vim.fn.tempname())
vim.fn.mkdir(tmp, "p")
local ws = tmp .. "/newsroom"
write(ws .. "/copydesk.json", "{}\n")
write(ws .. "/desk-talks.md", assert(read(fixtures .. "/desk-talks.md")))
write(ws .. "/notes/desk-brief.txt", assert(read(fixtures .. "/desk-brief.txt")))
-- A Vietnamese article of our own (lang: vi), with tone-marked text before each finding.
write(ws .. "/hoi-dam-tiep-vi.md", assert(read(fixtures .. "/hoi-dam-tiep-vi.md")))
-- An extra table given through setup{ tables }: it adds one person, Maren Okafor.
local extra_table = tmp .. "/shared/desk-extra.table.json"
write(extra_table, assert(read(fixtures .. "/desk-extra.table.json")))

-- Text helpers (0-based line numbers, byte columns, as vim.diagnostic uses) ------

local function buf_lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- Where `needle` is, on the first line that contains `anchor` (default: needle).
local function locate(bufnr, needle, anchor)
  for i, line in ipairs(buf_lines(bufnr)) do
    if line:find(anchor or needle, 1, true) then
      local s = line:find(needle, 1, true)
      if s then
        return { lnum = i - 1, col = s - 1, end_col = s - 1 + #needle, line = line }
      end
    end
  end
  error(("fixture has no %q"):format(anchor or needle))
end

local function diags(bufnr, code)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "copydesk" and (code == nil or d.code == code) then
      list[#list + 1] = d
    end
  end
  table.sort(list, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return list
end

local function diag_at(bufnr, code, lnum)
  for _, d in ipairs(diags(bufnr, code)) do
    if d.lnum == lnum then
      return d
    end
  end
end

local function show(d)
  if not d then
    return "none"
  end
  return ("%s %d:%d-%d:%d %q"):format(d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.message)
end

local function list_diags(bufnr)
  return table.concat(vim.tbl_map(show, diags(bufnr)), "; ")
end

--- The diagnostic with `code` must cover exactly the bytes of `needle` on its line.
local function expect_diag(bufnr, code, needle, anchor, what)
  local want = locate(bufnr, needle, anchor)
  local d = diag_at(bufnr, code, want.lnum)
  if not check(("%s: %s on line %d"):format(what, code, want.lnum + 1), d ~= nil, "have: " .. list_diags(bufnr)) then
    return nil
  end
  eq(
    ("%s: %s range is the bytes of %q"):format(what, code, needle),
    { d.lnum, d.col, d.end_lnum, d.end_col },
    { want.lnum, want.col, want.lnum, want.end_col }
  )
  return d
end

-- Part 1: the plugin alone -------------------------------------------------------

local copydesk
local server_cmd = { bin or "copydesk", "lsp" }
-- Neovim's own, before the plugin loads: they must stay in place after setup().
local neovim_apply_edit = vim.lsp.util.apply_workspace_edit
local neovim_apply_handler = vim.lsp.handlers["workspace/applyEdit"]

section("plugin loads and registers its config", function()
  local ok, mod = pcall(require, "copydesk")
  if not check("require('copydesk')", ok, tostring(mod)) then
    return
  end
  copydesk = mod
  eq("nothing is enabled before setup()", vim.lsp.is_enabled("copydesk"), false)
  eq("no command before setup()", vim.fn.exists(":CopydeskCard"), 0)

  copydesk.setup({
    cmd = server_cmd,
    filetypes = { "markdown", "text" },
    tables = { extra_table },
    rules = { ["weekday-mismatch"] = "error" },
    style = { "Việt Nam", "Hà Nội" },
    publication_date = "2025-03-05",
  })
  eq("setup() enables copydesk", vim.lsp.is_enabled("copydesk"), true)

  local cfg = vim.lsp.config.copydesk
  check("vim.lsp.config.copydesk resolves", type(cfg) == "table")
  eq("cmd", cfg.cmd, server_cmd)
  eq("filetypes", cfg.filetypes, { "markdown", "text" })
  local want = {
    tables = { extra_table },
    rules = { ["weekday-mismatch"] = "error" },
    style = { "Việt Nam", "Hà Nội" },
    publicationDate = "2025-03-05",
  }
  eq("init_options in the contract's shape", cfg.init_options, want)
  eq("settings.copydesk in the contract's shape", cfg.settings, { copydesk = want })
  eq("languageId for text", cfg.get_language_id(0, "text"), "plaintext")
  eq("languageId for markdown", cfg.get_language_id(0, "markdown"), "markdown")
  eq(
    "table paths expand ~",
    copydesk.server_settings({ tables = { "~/desk/t.json" } }).tables,
    { vim.fs.normalize("~/desk/t.json") }
  )
  eq("empty settings encode as a JSON object", vim.json.encode(copydesk.server_settings({})), "{}")
  eq(
    "every option maps to its camelCase key",
    copydesk.server_settings({
      tables = { "/t.json" },
      no_default_table = true,
      rules = { ["second-reference"] = "off" },
      style = { "Hà Nội" },
      publication_date = "2025-03-04",
      log_file = "/tmp/copydesk.log",
    }),
    {
      tables = { "/t.json" },
      noDefaultTable = true,
      rules = { ["second-reference"] = "off" },
      style = { "Hà Nội" },
      publicationDate = "2025-03-04",
      logFile = "/tmp/copydesk.log",
    }
  )
  for _, name in ipairs({ "CopydeskCard", "CopydeskFixAll", "CopydeskStatus", "CopydeskOpenTable" }) do
    eq(":" .. name .. " exists", vim.fn.exists(":" .. name), 2)
  end
end)

section("root folder", function()
  local function root_of(path)
    local b = vim.fn.bufadd(path)
    return copydesk.root_for(b)
  end
  write(tmp .. "/repo/.git/HEAD", "ref: refs/heads/main\n")
  write(tmp .. "/repo/desk/copydesk.json", "{}\n")
  write(tmp .. "/loose/story.md", "x\n")
  eq("copydesk.json folder", root_of(ws .. "/desk-talks.md"), ws)
  eq("copydesk.json folder, from a subfolder", root_of(ws .. "/notes/desk-brief.txt"), ws)
  eq("nearest copydesk.json beats .git", root_of(tmp .. "/repo/desk/a/story.md"), tmp .. "/repo/desk")
  eq(".git folder", root_of(tmp .. "/repo/other/story.md"), tmp .. "/repo")
  eq("else the file's folder", root_of(tmp .. "/loose/story.md"), tmp .. "/loose")
  eq("no root for an unnamed buffer", copydesk.root_for(vim.api.nvim_create_buf(false, true)), nil)
end)

--- A language server inside this Neovim (a Lua `cmd`) that can send its client
--- `workspace/applyEdit`, as a real server does; it records the notifications
--- the client sends it. `handlers` are the client's own.
local function edit_server(name, handlers)
  local dispatchers
  local notes = {}
  local id = vim.lsp.start({
    name = name,
    cmd = function(d)
      dispatchers = d
      return {
        request = function(method, _, callback)
          local result = method == "initialize" and { capabilities = { positionEncoding = "utf-8" } } or vim.NIL
          vim.schedule(function()
            callback(nil, result)
          end)
          return true, 1
        end,
        notify = function(method, params)
          notes[#notes + 1] = { method = method, params = params }
          return true
        end,
        is_closing = function()
          return false
        end,
        terminate = function() end,
      }
    end,
    root_dir = tmp,
    handlers = handlers,
  }, { attach = false })
  local c = assert(id and vim.lsp.get_client_by_id(id), "in-process server for " .. name)
  assert(wait(function()
    return c.initialized
  end), name .. " initialized")
  return {
    client = c,
    notes = notes,
    --- Sends workspace/applyEdit; returns the client's answer.
    apply = function(edit)
      return dispatchers.server_request("workspace/applyEdit", { edit = edit })
    end,
  }
end

local function watched(notes)
  local uris = {}
  for _, n in ipairs(notes) do
    if n.method == "workspace/didChangeWatchedFiles" then
      for _, ch in ipairs(n.params.changes) do
        uris[#uris + 1] = { ch.uri, ch.type }
      end
    end
  end
  return uris
end

section("workspace edits to copydesk.table.json are saved", function()
  local handlers = vim.lsp.config.copydesk.handlers
  check("the copydesk config has its own workspace/applyEdit handler", type(handlers) == "table"
    and handlers["workspace/applyEdit"] == copydesk.apply_edit)
  local server = edit_server("copydesk-edits", handlers)
  local path = tmp .. "/edits/" .. copydesk.table_file
  local uri = vim.uri_from_fname(path)
  local body = '{\n  "people": []\n}\n'
  local answer = server.apply({
    documentChanges = {
      { kind = "create", uri = uri, options = { ignoreIfExists = true } },
      {
        textDocument = { uri = uri, version = vim.NIL },
        edits = { { range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } }, newText = body } },
      },
    },
  })
  eq("the client answers applied = true", answer and answer.applied, true)
  eq("created table is on disk", read(path), body)
  eq("no buffer is left behind for it", vim.fn.bufnr(path), -1)
  eq("the server is told the table was created", watched(server.notes), { { uri, 1 } })

  -- A table the user has open, unmodified: written, and the buffer stays.
  vim.cmd.edit(vim.fn.fnameescape(path))
  local b = vim.api.nvim_get_current_buf()
  server.apply({
    changes = {
      [uri] = { { range = { start = { line = 1, character = 2 }, ["end"] = { line = 1, character = 2 } }, newText = " " } },
    },
  })
  body = '{\n   "people": []\n}\n'
  eq("an open table is written", read(path), body)
  eq("its buffer is not left modified", vim.bo[b].modified, false)
  check("its buffer stays", vim.api.nvim_buf_is_loaded(b))

  -- A table the user is editing (unsaved) is left alone.
  vim.api.nvim_buf_set_lines(b, 0, 0, false, { "// mine" })
  server.apply({
    changes = { [uri] = { { range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } }, newText = "" } } },
  })
  eq("a table with unsaved user changes is not written", read(path), body)
  vim.api.nvim_buf_delete(b, { force = true })

  -- Other files keep Neovim's behaviour (edited in a buffer, not written).
  local other = tmp .. "/edits/other.json"
  write(other, "a\n")
  server.apply({
    changes = {
      [vim.uri_from_fname(other)] = {
        { range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 1 } }, newText = "b" },
      },
    },
  })
  eq("other files are not written", read(other), "a\n")

  -- copydesk.json (the server adds the table to its `tables`) is saved the same way.
  local cfg = tmp .. "/edits/" .. copydesk.config_file
  write(cfg, "{}\n")
  server.apply({
    documentChanges = {
      {
        textDocument = { uri = vim.uri_from_fname(cfg) },
        edits = {
          {
            range = { start = { line = 0, character = 0 }, ["end"] = { line = 1, character = 0 } },
            newText = '{ "tables": ["copydesk.table.json"] }\n',
          },
        },
      },
    },
  })
  eq("copydesk.json edit is on disk", read(cfg), '{ "tables": ["copydesk.table.json"] }\n')
  eq("no buffer is left behind for copydesk.json", vim.fn.bufnr(cfg), -1)
  vim.api.nvim_buf_delete(vim.fn.bufnr(other), { force = true })
  server.client:stop(true)
end)

section("another language server's edits are untouched", function()
  check("vim.lsp.util.apply_workspace_edit is Neovim's own", rawequal(vim.lsp.util.apply_workspace_edit, neovim_apply_edit))
  check("the global workspace/applyEdit handler is Neovim's own",
    rawequal(vim.lsp.handlers["workspace/applyEdit"], neovim_apply_handler))
  local other = edit_server("another-server", nil)
  local path = tmp .. "/other-server/" .. copydesk.table_file
  write(path, "{}\n")
  local uri = vim.uri_from_fname(path)
  local answer = other.apply({
    changes = {
      [uri] = { { range = { start = { line = 0, character = 0 }, ["end"] = { line = 1, character = 0 } }, newText = '{ "people": [] }\n' } },
    },
  })
  eq("Neovim applies it", answer and answer.applied, true)
  local b = vim.fn.bufnr(path)
  check("in a buffer", b ~= -1 and vim.api.nvim_buf_is_loaded(b))
  eq("the buffer has the edit", b ~= -1 and vim.api.nvim_buf_get_lines(b, 0, -1, false), { '{ "people": [] }' })
  eq("and is left unsaved, as Neovim leaves every edit", b ~= -1 and vim.bo[b].modified, true)
  eq("the file on disk is not written", read(path), "{}\n")
  eq("that server is not told of a file change", watched(other.notes), {})
  if b ~= -1 then
    vim.api.nvim_buf_delete(b, { force = true })
  end
  other.client:stop(true)
end)

section(":checkhealth copydesk", function()
  vim.cmd("checkhealth copydesk")
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check("health report has the copydesk section", text:find("copydesk", 1, true) ~= nil, text)
  check("health reports the settings", text:find("publicationDate", 1, true) ~= nil, text)
  vim.cmd("silent! bwipeout!")
end)

section("workspace/applyEdit from a server (fake server)", function()
  local python = vim.fn.exepath("python3")
  if python == "" then
    skip("fake server", "no python3")
    return
  end
  local fws = tmp .. "/fake-ws"
  local log = tmp .. "/fake.log"
  write(fws .. "/story.fake", "Staff of Simon Ridlee said so.\n")
  vim.cmd.edit(vim.fn.fnameescape(fws .. "/story.fake"))
  local b = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start({
    name = "copydesk-fake",
    cmd = { python, here .. "/fake_server.py", log },
    root_dir = fws,
    handlers = vim.lsp.config.copydesk.handlers,
  }, { bufnr = b })
  local fc = id and vim.lsp.get_client_by_id(id)
  if not check("fake server starts", wait(function()
    return fc and fc.initialized
  end)) then
    return
  end
  eq("fake: utf-8 negotiated", fc.offset_encoding, "utf-8")
  vim.lsp.buf.code_action({
    filter = function(a)
      return vim.startswith(a.title, "Add 'Simon Ridlee' to the workspace table")
    end,
    apply = true,
  })
  local path = fws .. "/" .. copydesk.table_file
  local want = '{\n  "people": [\n    { "name": "Simon Ridley", "aliases": ["Simon Ridlee"] }\n  ]\n}\n'
  check("fake: table written through workspace/applyEdit", wait(function()
    return read(path) == want
  end), vim.inspect(read(path)))
  local answered = wait(function()
    for line in vim.gsplit(read(log) or "", "\n", { trimempty = true }) do
      local m = vim.json.decode(line)
      if m.id == 9001 and m.result then
        return m.result.applied == true
      end
    end
  end)
  check("fake: client answered applyEdit with applied=true", answered, read(log))
  local tb = vim.fn.bufnr(path)
  check("fake: table buffer not left modified", tb == -1 or not vim.bo[tb].modified)
  fc:stop(true)
  vim.cmd("silent! %bwipeout!")
end)

if plugin_only then
  skip("server checks", "COPYDESK_E2E_PLUGIN_ONLY=1")
  finish()
end

-- Part 2: with the server --------------------------------------------------------

if not check("server binary is executable: " .. tostring(bin), bin ~= nil and vim.fn.executable(bin) == 1) then
  finish()
end

local article = ws .. "/desk-talks.md"
local abuf, client

section("server starts on the article", function()
  vim.cmd.edit(vim.fn.fnameescape(article))
  abuf = vim.api.nvim_get_current_buf()
  eq("filetype", vim.bo[abuf].filetype, "markdown")
  check(
    "client attaches",
    wait(function()
      client = copydesk.clients(abuf)[1]
      return client and client.initialized
    end),
    "no copydesk client; see " .. vim.lsp.log.get_filename()
  )
  if not client then
    return
  end
  server_gone = function()
    return client:is_stopped()
  end
  eq("client root is the copydesk.json folder", client.root_dir and realpath(client.root_dir), ws)
  eq("positions are negotiated as utf-8", client.offset_encoding, "utf-8")
  check("server offers hover", client:supports_method("textDocument/hover"))
  check("server offers code actions", client:supports_method("textDocument/codeAction"))
end)

if not client then
  finish()
end

local fixed = "Hoàng Xuân Chiến"

section("diagnostics land on the exact bytes", function()
  local ok = wait(function()
    return #diags(abuf, "name-diacritics") >= 2 and #diags(abuf, "weekday-mismatch") >= 1
  end)
  check("diagnostics arrive", ok, "have: " .. list_diags(abuf))
  out("  diagnostics: " .. list_diags(abuf))

  -- 📰 is 4 bytes in UTF-8 and 2 units in UTF-16: a wrong encoding shifts the column.
  local emoji = locate(abuf, "📰")
  eq("fixture: the emoji is the first 4 bytes", emoji.col, 0)
  local d = expect_diag(abuf, "name-diacritics", "Hoang Xuan Chien", "📰", "after an emoji")
  if d then
    check("message names the canonical form", d.message:find(fixed, 1, true) ~= nil, d.message)
  end

  -- The NFD name (a + U+0300, ...) takes more bytes than its NFC form: a server
  -- that measures on normalized text lands early.
  local nfd = locate(abuf, "Hoa\204\128ng", "press officer")
  check("fixture: the press officer line is decomposed (NFD)", nfd ~= nil)
  d = expect_diag(abuf, "weekday-mismatch", "Wednesday", "press officer", "after NFD accents")
  if d then
    eq("weekday-mismatch severity from setup{ rules }", d.severity, vim.diagnostic.severity.ERROR)
  end
  check(
    "the NFD spelling of the right name draws no name finding",
    diag_at(abuf, "name-diacritics", nfd.lnum) == nil and diag_at(abuf, "name-spelling", nfd.lnum) == nil,
    list_diags(abuf)
  )
  expect_diag(abuf, "name-diacritics", "Hoang Xuan Chien", "logistics depot", "plain line")
  local title = diags(abuf, "title-mismatch")
  local t = locate(abuf, "Permanent Secretary Simon Ridley")
  check(
    "title-mismatch on the Ridley line",
    title[1] ~= nil and title[1].lnum == t.lnum and title[1].col >= t.col and title[1].end_col <= t.end_col,
    "have: " .. list_diags(abuf)
  )
  for _, x in ipairs(diags(abuf)) do
    check("source is copydesk: " .. show(x), x.source == "copydesk")
  end
end)

section("settings change while running", function()
  local lnum = locate(abuf, "Wednesday", "press officer").lnum
  copydesk.update({ rules = { ["weekday-mismatch"] = "hint" } })
  check("didChangeConfiguration reaches the server", wait(function()
    local d = diag_at(abuf, "weekday-mismatch", lnum)
    return d and d.severity == vim.diagnostic.severity.HINT
  end), "have: " .. show(diag_at(abuf, "weekday-mismatch", lnum)))
  eq("client settings follow", client.settings.copydesk.rules, { ["weekday-mismatch"] = "hint" })
end)

section("hover card", function()
  local function card_at(needle, anchor)
    local at = locate(abuf, needle, anchor)
    vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col + 1 })
    local got
    copydesk.card({
      on_result = function(result, fbuf, fwin)
        got = { result = result, fbuf = fbuf, fwin = fwin }
      end,
    })
    wait(function()
      return got ~= nil
    end)
    return got
  end

  local got = card_at("Simon Ridley", "Permanent Secretary")
  if check("card answer for Simon Ridley", got and got.result, "no hover answer") then
    local text = got.result.contents.value or ""
    check("card starts with **Simon Ridley**", vim.startswith(text, "**Simon Ridley**"), text)
    check("card names the Home Office", text:find("Home Office", 1, true) ~= nil, text)
    local flines = got.fbuf and vim.api.nvim_buf_get_lines(got.fbuf, 0, -1, false) or {}
    check("card float shows the name", table.concat(flines, "\n"):find("Simon Ridley", 1, true) ~= nil, vim.inspect(flines))
    if got.fwin and vim.api.nvim_win_is_valid(got.fwin) then
      vim.api.nvim_win_close(got.fwin, true)
    end
  end

  -- After the decomposed accents: the cursor is a byte column, sent as utf-8.
  got = card_at("Hoa\204\128ng", "press officer")
  if check("card answer for the NFD name", got and got.result, "no hover answer") then
    local text = got.result.contents.value or ""
    check("card starts with **" .. fixed .. "**", vim.startswith(text, "**" .. fixed .. "**"), text)
    if got.fwin and vim.api.nvim_win_is_valid(got.fwin) then
      vim.api.nvim_win_close(got.fwin, true)
    end
  end

  -- The command itself opens a float.
  local at = locate(abuf, "Ridley said")
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col })
  local before = #vim.api.nvim_list_wins()
  vim.cmd("CopydeskCard")
  check(":CopydeskCard opens a float", wait(function()
    return #vim.api.nvim_list_wins() > before
  end))
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then
      local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), "\n")
      check(":CopydeskCard float is Ridley's card", text:find("**Simon Ridley**", 1, true) ~= nil, text)
      vim.api.nvim_win_close(w, true)
    end
  end
end)

--- Apply the quick fix that writes `fixed` over the text `at` (a `locate` result) in `buf`,
--- and check that the line then reads so (`label` prefixes the checks). Returns the line.
local function apply_quick_fix(buf, at, label)
  local want = at.line:sub(1, at.col) .. fixed .. at.line:sub(at.end_col + 1)
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col })
  local title = "Replace with '" .. fixed .. "'"
  vim.lsp.buf.code_action({
    context = { only = { "quickfix" } },
    filter = function(a)
      return a.title == title
    end,
    apply = true,
  })
  check(label .. "quick fix '" .. title .. "' applies", wait(function()
    return buf_lines(buf)[at.lnum + 1] == want
  end), "line is " .. vim.inspect(buf_lines(buf)[at.lnum + 1]))
  return want
end

section("quick fix", function()
  local at = locate(abuf, "Hoang Xuan Chien", "📰")
  local want = apply_quick_fix(abuf, at, "")
  eq("line after the quick fix", buf_lines(abuf)[at.lnum + 1], want)
  check("its diagnostic goes away", wait(function()
    return diag_at(abuf, "name-diacritics", at.lnum) == nil
  end), list_diags(abuf))
end)

--- The card at the cursor (copydesk.card), its float closed: its Markdown, or what came.
local function card_under_cursor()
  local got
  copydesk.card({
    on_result = function(result, _, fwin)
      got = result or false
      if fwin and vim.api.nvim_win_is_valid(fwin) then
        vim.api.nvim_win_close(fwin, true)
      end
    end,
  })
  wait(function()
    return got ~= nil
  end)
  return got and got.contents and got.contents.value or vim.inspect(got)
end

section("a Vietnamese article", function()
  vim.cmd.edit(vim.fn.fnameescape(ws .. "/hoi-dam-tiep-vi.md"))
  local vbuf = vim.api.nvim_get_current_buf()
  check("Vietnamese: diagnostics arrive", wait(function()
    return #diags(vbuf, "name-diacritics") == 1 and #diags(vbuf, "weekday-mismatch") == 1
  end), "have: " .. list_diags(vbuf))
  out("  diagnostics: " .. list_diags(vbuf))
  eq("Vietnamese: exactly the two planted findings", #diags(vbuf), 2)
  -- Tone-marked text stands before each finding, so its UTF-8 byte column (what
  -- Neovim negotiated) is not its UTF-16 column: a server that counts the other
  -- unit lands elsewhere.
  for _, want in ipairs({ { "weekday-mismatch", "thứ Năm" }, { "name-diacritics", "Hoàng Xuân Chiên" } }) do
    local at = locate(vbuf, want[2])
    check(
      ("fixture: tone-marked text before %q"):format(want[2]),
      vim.str_utfindex(at.line, "utf-16", at.col) < at.col
    )
    expect_diag(vbuf, want[1], want[2], nil, "Vietnamese")
  end

  -- The card of the name, in Vietnamese: the Vietnamese title first, the English after.
  local at = locate(vbuf, "Hoàng Xuân Chiên")
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col + 2 })
  local text = card_under_cursor()
  check("Vietnamese card starts with **" .. fixed .. "**", vim.startswith(text, "**" .. fixed .. "** (VN)\n\nChức danh:"), text)
  check("Vietnamese card: the title in Vietnamese, then in English",
    text:find("- Thứ trưởng Bộ Quốc phòng; cũng viết ", 1, true) ~= nil
      and text:find("Tiếng Anh: **Deputy Defence Minister**", 1, true) ~= nil, text)
  check("Vietnamese card: the second reference in Vietnamese",
    text:find("Gọi lần sau: **Chiến** (không phải Hoàng).", 1, true) ~= nil, text)

  -- The quick fix puts the tone mark back, and only there.
  apply_quick_fix(vbuf, at, "Vietnamese: ")
  check("Vietnamese: its diagnostic goes away, the weekday's stays", wait(function()
    return #diags(vbuf, "name-diacritics") == 0 and #diags(vbuf, "weekday-mismatch") == 1
  end), list_diags(vbuf))
  -- Back to the English article, leaving no unsaved buffer behind.
  vim.api.nvim_set_current_buf(abuf)
  vim.cmd("silent! bwipeout! " .. vbuf)
end)

-- The smallest table (object or list) in a decoded JSON value that holds
-- every string of `wanted` (each item a string or a list of acceptable ones).
local function json_holds(v, s)
  if type(v) == "string" then
    return v == s
  elseif type(v) == "table" then
    for _, x in pairs(v) do
      if json_holds(x, s) then
        return true
      end
    end
  end
  return false
end

local function json_entry(v, wanted)
  if type(v) ~= "table" then
    return nil
  end
  for _, x in pairs(v) do
    local e = json_entry(x, wanted)
    if e then
      return e
    end
  end
  for _, w in ipairs(wanted) do
    local any = false
    for _, alt in ipairs(type(w) == "table" and w or { w }) do
      any = any or json_holds(v, alt)
    end
    if not any then
      return nil
    end
  end
  return v
end

local table_path = ws .. "/" .. (copydesk and copydesk.table_file or "copydesk.table.json")

--- Run, on the first line holding `needle`, the one code action whose title
--- `pick` accepts.
local function run_action(needle, pick)
  local at = locate(abuf, needle)
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col })
  vim.lsp.buf.code_action({
    filter = function(a)
      return pick(a.title)
    end,
    apply = true,
  })
  return at
end

--- Loaded buffers other than the article with unsaved changes.
local function unsaved_others()
  local names = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if b ~= abuf and vim.api.nvim_buf_is_loaded(b) and vim.bo[b].modified then
      names[#names + 1] = vim.api.nvim_buf_get_name(b)
    end
  end
  return names
end

local function read_table()
  local text = read(table_path) or ""
  local ok, decoded = pcall(vim.json.decode, text)
  return text, ok and decoded or nil
end

section("add to the workspace table: alias", function()
  eq("no workspace table yet", uv.fs_stat(table_path), nil)
  local at = locate(abuf, "Simon Ridlee")
  check("name-spelling on 'Simon Ridlee'", diag_at(abuf, "name-spelling", at.lnum) ~= nil, list_diags(abuf))
  local before = buf_lines(abuf)
  run_action("Simon Ridlee", function(title)
    return vim.startswith(title, "Add 'Simon Ridlee' to the workspace table as an alias of")
  end)
  check("table file created on disk", wait(function()
    return (read(table_path) or ""):find("Simon Ridlee", 1, true)
  end), "no " .. table_path)
  local text, decoded = read_table()
  check("table file is JSON", decoded ~= nil, text)
  check(
    "an entry ties 'Simon Ridlee' to Simon Ridley",
    json_entry(decoded, { "Simon Ridlee", { "Simon Ridley", "simon-ridley" } }) ~= nil,
    text
  )
  local tb = vim.fn.bufnr(table_path)
  check("table buffer not left modified", tb == -1 or not vim.bo[tb].modified)
  eq("no other file of the edit left unsaved (e.g. copydesk.json)", unsaved_others(), {})
  local cfg_ok = pcall(vim.json.decode, read(ws .. "/copydesk.json") or "")
  check("copydesk.json on disk is still JSON", cfg_ok, read(ws .. "/copydesk.json"))
  eq("article untouched by the table action", buf_lines(abuf), before)
  check("the alias is accepted once the table has it", wait(function()
    return diag_at(abuf, "name-spelling", at.lnum) == nil
  end), list_diags(abuf))
end)

section("add to the workspace table: new person (table exists)", function()
  local name = "Hoàng Xuân Chiếng"
  local at = locate(abuf, name)
  check("name-spelling on '" .. name .. "'", diag_at(abuf, "name-spelling", at.lnum) ~= nil, list_diags(abuf))
  local before = buf_lines(abuf)
  -- "Add X as a new person" (the contract), or "Add 'X' to the workspace table as a new person"
  run_action(name, function(title)
    return vim.startswith(title, "Add ") and title:find(name, 1, true) ~= nil and vim.endswith(title, "as a new person")
  end)
  check("table file on disk gains the new person", wait(function()
    return (read(table_path) or ""):find(name, 1, true)
  end), read(table_path))
  local text, decoded = read_table()
  check("table file is still JSON", decoded ~= nil, text)
  check("the alias entry is kept", json_entry(decoded, { "Simon Ridlee" }) ~= nil, text)
  check("the new person is there", json_entry(decoded, { name }) ~= nil, text)
  local tb = vim.fn.bufnr(table_path)
  check("table buffer not left modified", tb == -1 or not vim.bo[tb].modified)
  eq("no other file of the edit left unsaved", unsaved_others(), {})
  eq("article untouched by the table action", buf_lines(abuf), before)
  check("the new person is accepted once the table has it", wait(function()
    return diag_at(abuf, "name-spelling", at.lnum) == nil
  end), list_diags(abuf))
end)

section("copydesk/status", function()
  local status
  copydesk.status({
    on_result = function(r)
      status = r or false
    end,
  })
  wait(function()
    return status ~= nil
  end)
  if check("copydesk/status answers", type(status) == "table", vim.inspect(status)) then
    check("status lists the workspace table", vim.iter(status.tables or {}):any(function(t)
      return realpath(vim.fs.normalize(t.path)) == table_path
    end), vim.inspect(status))
    check("status counts entries", type(status.entries) == "number" and status.entries > 0, vim.inspect(status))
    check("status counts this article's findings", type(status.findings) == "number", vim.inspect(status))
  end
end)

section(":CopydeskFixAll", function()
  local nfd = locate(abuf, "Wednesday", "press officer")
  local depot = locate(abuf, "Hoang Xuan Chien", "logistics depot")
  local title = locate(abuf, "Permanent Secretary Simon Ridley")
  local want_title = title.line:sub(1, title.col) .. "Second " .. title.line:sub(title.col + 1)
  local want_nfd = nfd.line:sub(1, nfd.col) .. "Tuesday" .. nfd.line:sub(nfd.end_col + 1)
  local want_depot = depot.line:sub(1, depot.col) .. fixed .. depot.line:sub(depot.end_col + 1)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd("CopydeskFixAll")
  check("fix-all changes the buffer", wait(function()
    local l = buf_lines(abuf)
    return l[nfd.lnum + 1] == want_nfd and l[depot.lnum + 1] == want_depot and l[title.lnum + 1] == want_title
  end))
  local l = buf_lines(abuf)
  eq("weekday fixed after the NFD name", l[nfd.lnum + 1], want_nfd)
  eq("name fixed", l[depot.lnum + 1], want_depot)
  eq("title fixed", l[title.lnum + 1], want_title)
  eq("no prompt was needed", prompts, {})
  check("no findings left", wait(function()
    return #diags(abuf) == 0
  end), list_diags(abuf))
end)

section("plain text article", function()
  vim.cmd.edit(vim.fn.fnameescape(ws .. "/notes/desk-brief.txt"))
  local tbuf = vim.api.nvim_get_current_buf()
  eq("filetype", vim.bo[tbuf].filetype, "text")
  check("same client serves the .txt", wait(function()
    return copydesk.clients(tbuf)[1] == client
  end))
  check("diagnostics for plaintext", wait(function()
    return #diags(tbuf, "name-diacritics") > 0
  end), list_diags(tbuf))
  -- Maren Okafor is only in the table given by setup{ tables }.
  local at = locate(tbuf, "Maren Okafor")
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col + 2 })
  local text = card_under_cursor()
  check("card from the table given in setup{ tables }", vim.startswith(text, "**Maren Okafor**"), text)

  local d = expect_diag(tbuf, "name-diacritics", "Hoang Xuan Chien", nil, "plaintext")
  if not d then
    return
  end
  at = locate(tbuf, "Hoang Xuan Chien")
  vim.api.nvim_win_set_cursor(0, { at.lnum + 1, at.col })
  vim.lsp.buf.code_action({
    filter = function(a)
      -- "Ignore on this line", or "Ignore copydesk findings on this line"
      return vim.startswith(a.title, "Ignore ") and vim.endswith(a.title, "on this line")
    end,
    apply = true,
  })
  check("'Ignore on this line' adds the marker", wait(function()
    return buf_lines(tbuf)[at.lnum + 1]:find("copydesk: ignore", 1, true) ~= nil
  end), vim.inspect(buf_lines(tbuf)[at.lnum + 1]))
  check("the line's text is kept", vim.startswith(buf_lines(tbuf)[at.lnum + 1], at.line), buf_lines(tbuf)[at.lnum + 1])
  check("the ignored line has no finding", wait(function()
    return #diags(tbuf) == 0
  end), list_diags(tbuf))
end)

section(":CopydeskOpenTable", function()
  local uri
  copydesk.open_table({
    on_result = function(r)
      uri = r or false
    end,
  })
  wait(function()
    return uri ~= nil
  end)
  if not check("copydesk.openTable answers a file URI", type(uri) == "string" and vim.startswith(uri, "file://"), vim.inspect(uri)) then
    return
  end
  local path = vim.uri_to_fname(uri)
  eq("the table is opened in the current window", realpath(vim.api.nvim_buf_get_name(0)), realpath(path))
  local ok = pcall(vim.json.decode, table.concat(buf_lines(0), "\n"))
  check("the opened table is JSON", ok)
end)

check("server still running after all of the above", not client:is_stopped(), "it exited; see " .. vim.lsp.log.get_filename())

section("README snippets work as written (child Neovim each)", function()
  local readme = assert(read(plugin_dir .. "/README.md"))
  local blocks = {}
  for body in readme:gmatch("```lua\n(.-)```") do
    blocks[#blocks + 1] = body
  end
  local function block(marker)
    for _, b in ipairs(blocks) do
      if b:find(marker, 1, true) then
        return b
      end
    end
    error("README has no lua block with " .. marker)
  end
  local function replace(text, from, to)
    local i, j = text:find(from, 1, true)
    assert(i, "README block has no " .. from)
    return text:sub(1, i - 1) .. to .. text:sub(j + 1)
  end

  -- `copydesk` on PATH, as the README assumes.
  local bindir = tmp .. "/bin"
  vim.fn.mkdir(bindir, "p")
  uv.fs_symlink(bin, bindir .. "/copydesk")
  local sws = tmp .. "/snippet-ws"
  write(sws .. "/copydesk.json", "{}\n")
  write(sws .. "/desk-talks.md", assert(read(fixtures .. "/desk-talks.md")))

  local function run(name, code, rtp)
    local file = ("%s/snippet-%s.lua"):format(tmp, name:gsub("%W", "-"))
    write(file, code)
    local cmd = { vim.v.progpath, "--headless", "--clean", "-i", "NONE", "-l", here .. "/snippet_child.lua", file, sws .. "/desk-talks.md" }
    vim.list_extend(cmd, rtp or {})
    local res = vim.system(cmd, {
      text = true,
      env = { PATH = bindir .. ":" .. vim.env.PATH },
    }):wait(timeout + 10000)
    local line = vim.split(vim.trim(res.stdout or ""), "\n")
    local ok, report = pcall(vim.json.decode, line[#line] or "")
    if not check(name .. ": child ran", ok and type(report) == "table", (res.stdout or "") .. (res.stderr or "")) then
      return
    end
    if not check(name .. ": snippet loads", report.loaded, report.error) then
      return
    end
    check(name .. ": server attaches", report.attached, res.stderr)
    check(name .. ": no warnings", vim.tbl_isempty(report.notes or {}), vim.inspect(report.notes))
    eq(name .. ": utf-8 positions", report.encoding, "utf-8")
    eq(name .. ": root", report.root and realpath(report.root), sws)
    check(name .. ": diagnostics", vim.tbl_contains(report.codes or {}, "name-diacritics"), vim.inspect(report.codes))
  end

  -- Plain runtimepath install, then setup{} with defaults.
  run("rtp:append + setup{}", replace(block("vim.opt.rtp:append"), "~/src/copydesk/editors/nvim", plugin_dir))
  -- The setup call with every option.
  local every = block('require("copydesk").setup({\n  -- how to start the server')
  every = replace(every, "~/desk/people.table.json", extra_table)
  every = replace(every, "/tmp/copydesk.log", tmp .. "/snippet-server.log")
  run("setup with every option", every, { plugin_dir })
  -- lsp/copydesk.lua on the runtimepath + vim.lsp.enable.
  local cfgdir = tmp .. "/snippet-config"
  write(cfgdir .. "/lsp/copydesk.lua", block("-- ~/.config/nvim/lsp/copydesk.lua"))
  run("lsp/copydesk.lua + vim.lsp.enable", block('-- init.lua\nvim.lsp.enable("copydesk")'), { cfgdir })
  -- The vim.lsp.start fallback.
  run("vim.lsp.start fallback", block("vim.lsp.start({"))
end)

finish()
