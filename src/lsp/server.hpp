// `podlint lsp`: the language server. It reads JSON-RPC messages on one file
// descriptor and answers on another (stdin and stdout), until the client
// says exit or closes the input.
#pragma once

namespace podlint::lsp {

// Serves until the end; the process's exit status: 0 after shutdown and
// exit, 1 when the client exits (or goes) without shutting down first.
int serve(int input_fd, int output_fd);

}  // namespace podlint::lsp
