-- Run by neovim-test.sh in a headless Neovim: its built-in LSP client starts
-- `podlint lsp` on MANIFEST, writes the diagnostics Neovim shows
-- (vim.diagnostic.get) to OUT, then types an edit (EDIT_LINE becomes
-- EDIT_TEXT) and writes the diagnostics shown after it to OUT.edited.
local env = vim.env
vim.cmd("edit " .. vim.fn.fnameescape(env.MANIFEST))
local buffer = vim.api.nvim_get_current_buf()

local function fail(message)
  io.stderr:write("neovim: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local client = vim.lsp.start_client({
  name = "podlint",
  cmd = { env.PODLINT, "lsp" },
  root_dir = vim.fn.fnamemodify(env.MANIFEST, ":h"),
})
if not client then fail("the client did not start") end
vim.lsp.buf_attach_client(buffer, client)

local function shown()
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(lines, string.format("%d:%d %s %d %s", d.lnum + 1, d.col + 1, tostring(d.code), d.severity, d.message))
  end
  table.sort(lines)
  return lines
end

local function wait_for(accept, what)
  if not vim.wait(15000, function() return accept(shown()) end, 20) then fail("no diagnostics " .. what) end
end

wait_for(function(lines) return #lines > 0 end, "after opening")
vim.fn.writefile(shown(), env.OUT)
local before = table.concat(shown(), "\n")

local line = tonumber(env.EDIT_LINE)
vim.api.nvim_buf_set_lines(buffer, line - 1, line, true, { env.EDIT_TEXT })
wait_for(function(lines) return table.concat(lines, "\n") ~= before end, "after the edit")
vim.fn.writefile(shown(), env.OUT .. ".edited")

vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.client_is_stopped(client) end, 20)
vim.cmd("qall!")
