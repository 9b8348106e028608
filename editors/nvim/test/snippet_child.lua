-- Run by e2e.lua in a child Neovim: loads one code block taken from README.md,
-- opens an article and reports, as one JSON line on stdout, what came of it.
--
--   nvim --headless --clean -i NONE -l snippet_child.lua SNIPPET.lua ARTICLE [RTP_DIR...]
--
-- SNIPPET.lua may return a function, which is then called (e.g. to enable a
-- config that the snippet only defines).

local snippet, article = arg[1], arg[2]
for i = 3, #arg do
  vim.opt.rtp:prepend(arg[i])
end
vim.cmd("filetype on")
vim.o.swapfile = false

local report = { loaded = false, notes = {} }
vim.notify = function(msg)
  table.insert(report.notes, msg)
end
local function done()
  io.stdout:write(vim.json.encode(report), "\n")
  io.stdout:flush()
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop(true)
  end
  os.exit(0)
end

local ok, ret = pcall(dofile, snippet)
if ok and type(ret) == "function" then
  ok, ret = pcall(ret)
end
report.loaded = ok
if not ok then
  report.error = tostring(ret)
  done()
end

vim.cmd.edit(vim.fn.fnameescape(article))
local bufnr = vim.api.nvim_get_current_buf()
local timeout = tonumber(vim.env.COPYDESK_E2E_TIMEOUT or "") or 20000
vim.wait(timeout, function()
  local c = vim.lsp.get_clients({ bufnr = bufnr, name = "copydesk" })[1]
  return c and c.initialized and #vim.diagnostic.get(bufnr) > 0
end, 20)
local client = vim.lsp.get_clients({ bufnr = bufnr, name = "copydesk" })[1]
report.attached = client ~= nil
report.encoding = client and client.offset_encoding
report.root = client and client.root_dir
report.codes = vim.tbl_map(function(d)
  return d.code
end, vim.diagnostic.get(bufnr))
done()
