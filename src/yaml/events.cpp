#include "yaml/events.hpp"

#include <fmt/format.h>

#include <vector>

namespace podlint::yaml {
namespace {

void append_escaped(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\0':
        out += "\\0";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\x1b':
        out += "\\e";
        break;
      default:
        out += c;
    }
  }
}

void append_span(std::string& out, const Span& span) {
  fmt::format_to(std::back_inserter(out), " @{}:{}-{}:{}", span.begin.line, span.begin.column, span.end.line,
                 span.end.column);
}

class Writer {
 public:
  Writer(std::string& out, const EventOptions& options) : out_(out), options_(options) {}

  // Iterative so that deep documents cannot exhaust the stack.
  void write(const Node& root) {
    struct Frame {
      const Node* node;
      size_t next_child;
    };
    std::vector<Frame> stack;
    open(root);
    if (root.is_mapping() || root.is_sequence()) stack.push_back({&root, 0});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const Node& node = *frame.node;
      const size_t count = node.is_mapping() ? node.pairs.size() * 2 : node.items.size();
      if (frame.next_child == count) {
        out_ += node.is_mapping() ? "-MAP\n" : "-SEQ\n";
        stack.pop_back();
        continue;
      }
      const size_t index = frame.next_child++;
      const Node* child = node.is_mapping()
                              ? (index % 2 == 0 ? node.pairs[index / 2].key : node.pairs[index / 2].value)
                              : node.items[index];
      open(*child);
      if (child->is_mapping() || child->is_sequence()) stack.push_back({child, 0});
    }
  }

 private:
  void properties(const Node& node) {
    if (!node.anchor.empty()) {
      out_ += " &";
      out_ += node.anchor;
    }
    if (!node.tag.empty()) {
      out_ += " <";
      out_ += node.tag;
      out_ += '>';
    }
  }

  void open(const Node& node) {
    switch (node.kind) {
      case NodeKind::Alias:
        out_ += "=ALI *";
        out_ += node.anchor;
        break;
      case NodeKind::Mapping:
        out_ += node.flow ? "+MAP {}" : "+MAP";
        properties(node);
        break;
      case NodeKind::Sequence:
        out_ += node.flow ? "+SEQ []" : "+SEQ";
        properties(node);
        break;
      case NodeKind::Scalar: {
        out_ += "=VAL";
        properties(node);
        static constexpr char kStyles[] = {':', '\'', '"', '|', '>'};
        out_ += ' ';
        out_ += kStyles[static_cast<int>(node.style)];
        append_escaped(out_, node.value);
        break;
      }
    }
    if (options_.with_spans) append_span(out_, node.span);
    out_ += '\n';
  }

  std::string& out_;
  const EventOptions& options_;
};

}  // namespace

std::string to_events(const Stream& stream, const EventOptions& options) {
  std::string out = "+STR\n";
  Writer writer(out, options);
  for (const Document& document : stream.documents) {
    out += document.explicit_start ? "+DOC ---" : "+DOC";
    if (options.with_spans) append_span(out, document.span);
    out += '\n';
    if (document.root) writer.write(*document.root);
    out += document.explicit_end ? "-DOC ...\n" : "-DOC\n";
    if (!options.with_spans) continue;
    for (const Comment& comment : document.comments) {
      out += "#C";
      append_span(out, comment.span);
      out += ' ';
      append_escaped(out, comment.text);
      out += '\n';
    }
    for (const Error& error : document.errors) {
      out += "!ERR";
      append_span(out, error.span);
      out += ' ';
      append_escaped(out, error.message);
      if (error.has_related) {
        out += " (related";
        append_span(out, error.related);
        out += ')';
      }
      out += '\n';
    }
  }
  out += "-STR\n";
  return out;
}

}  // namespace podlint::yaml
