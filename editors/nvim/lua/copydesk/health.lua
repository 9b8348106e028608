-- :checkhealth copydesk
local M = {}

function M.check()
  local health = vim.health
  health.start("copydesk")

  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim " .. tostring(vim.version()))
  else
    health.error("Neovim 0.11 or later is needed; see README.md for a 0.10 snippet")
    return
  end

  local copydesk = require("copydesk")
  local opts = copydesk.options
  if not opts then
    health.warn('setup() has not been called', { 'Add require("copydesk").setup{} to your config' })
    return
  end

  local exe = opts.cmd[1]
  if vim.fn.executable(exe) == 1 then
    local res = vim.system({ exe, "--version" }, { text = true }):wait(3000)
    local version = vim.trim((res.stdout or "") .. (res.stderr or ""))
    health.ok(("server: %s (%s)"):format(vim.fn.exepath(exe), version ~= "" and version or "no version"))
  else
    health.error(("server command not executable: %s"):format(exe), {
      "Build it with `cargo build --release` and pass cmd = { '/path/to/copydesk', 'lsp' }",
    })
  end

  health.info("filetypes: " .. table.concat(opts.filetypes, ", "))
  health.info("settings: " .. vim.json.encode(copydesk.server_settings(opts)))

  local clients = copydesk.clients()
  if #clients == 0 then
    health.info("no copydesk server running (open a " .. table.concat(opts.filetypes, "/") .. " file)")
  end
  for _, client in ipairs(clients) do
    health.ok(
      ("client %d: root %s, position encoding %s, %d buffer(s)"):format(
        client.id,
        client.root_dir or "-",
        client.offset_encoding,
        vim.tbl_count(client.attached_buffers)
      )
    )
  end
end

return M
