#include "output/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace podlint {

namespace {

// Lines with their line breaks, so that a last line without one differs
// from the same line with one.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

enum class Op : uint8_t { Keep, Remove, Add };

// The shortest edit script from `a` to `b` (Myers' O(ND) algorithm), as one
// operation per line.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<long>(a.size());
  const auto m = static_cast<long>(b.size());
  const long max = n + m;
  // trace[d][k + d]: the furthest x reached on diagonal k with d edits.
  std::vector<std::vector<long>> trace;
  std::vector<long> v(2 * static_cast<size_t>(max) + 3, 0);
  const auto at = [&](long k) -> long& { return v[static_cast<size_t>(k + max + 1)]; };
  long found_d = 0;
  for (long d = 0; d <= max; ++d) {
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)])
        ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) done = true;
    }
    trace.emplace_back(v.begin() + (max + 1 - d), v.begin() + (max + 1 + d + 1));
    if (done) {
      found_d = d;
      break;
    }
  }
  // Walk back from the end, one edit per step.
  std::vector<Op> ops;
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& previous = trace[static_cast<size_t>(d - 1)];
    const auto prev_at = [&](long k) { return previous[static_cast<size_t>(k + d - 1)]; };
    const long k = x - y;
    const bool down = k == -d || (k != d && prev_at(k - 1) < prev_at(k + 1));
    const long prev_k = down ? k + 1 : k - 1;
    const long prev_x = prev_at(prev_k);
    const long prev_y = prev_x - prev_k;
    while (x > prev_x + (down ? 0 : 1) && y > prev_y + (down ? 1 : 0)) {
      ops.push_back(Op::Keep);
      --x, --y;
    }
    ops.push_back(down ? Op::Add : Op::Remove);
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    ops.push_back(Op::Keep);
    --x, --y;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

// "3" for one line, "3,4", and for none the line before it: "2,0".
std::string range(size_t first, size_t count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

void write_line(std::ostream& out, char sign, std::string_view line, const DiffOptions& options) {
  const std::string_view color = !options.color ? ""
                                 : sign == '-'  ? "\x1b[31m"
                                 : sign == '+'  ? "\x1b[32m"
                                                : "";
  const std::string_view reset = color.empty() ? "" : "\x1b[0m";
  const bool ends = line.ends_with('\n');
  if (ends) line.remove_suffix(1);
  out << options.indent << color << sign << line << reset << '\n';
  if (!ends) out << options.indent << "\\ No newline at end of file\n";
}

}  // namespace

void write_unified_diff(std::ostream& out, std::string_view path, std::string_view before,
                        std::string_view after, const DiffOptions& options) {
  const size_t context = options.context;
  if (before == after) return;
  const std::vector<std::string_view> a = lines_of(before);
  const std::vector<std::string_view> b = lines_of(after);
  // Common head and tail need no search.
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head])
    ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  std::vector<Op> ops(head, Op::Keep);
  const std::vector<std::string_view> a_mid(a.begin() + static_cast<long>(head),
                                            a.end() - static_cast<long>(tail));
  const std::vector<std::string_view> b_mid(b.begin() + static_cast<long>(head),
                                            b.end() - static_cast<long>(tail));
  const std::vector<Op> middle = edit_script(a_mid, b_mid);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), tail, Op::Keep);

  if (options.headers)
    out << options.indent << "--- " << path << '\n' << options.indent << "+++ " << path << '\n';
  // Each hunk: the changes with up to three unchanged lines around them,
  // hunks whose contexts would touch merged.
  size_t i = 0, line_a = 0, line_b = 0;
  while (i < ops.size()) {
    size_t change = i;
    size_t skip_a = line_a, skip_b = line_b;
    while (change < ops.size() && ops[change] == Op::Keep)
      ++change, ++skip_a, ++skip_b;
    if (change == ops.size()) break;
    const size_t lead = std::min(context, change - i);
    size_t start = change - lead;
    size_t a_first = skip_a - lead, b_first = skip_b - lead;
    // The hunk's end: past the last change whose following run of kept lines is short.
    size_t end = change, run = 0;
    for (size_t k = change; k < ops.size(); ++k) {
      if (ops[k] != Op::Keep) {
        end = k + 1;
        run = 0;
      } else if (++run > 2 * context) {
        break;
      }
    }
    end = std::min(ops.size(), end + context);
    size_t a_count = 0, b_count = 0;
    for (size_t k = start; k < end; ++k) {
      a_count += ops[k] != Op::Add;
      b_count += ops[k] != Op::Remove;
    }
    out << options.indent << (options.color ? "\x1b[36m" : "") << "@@ -" << range(a_first, a_count) << " +"
        << range(b_first, b_count) << " @@" << (options.color ? "\x1b[0m" : "") << '\n';
    size_t x = a_first, y = b_first;
    for (size_t k = start; k < end; ++k) {
      switch (ops[k]) {
        case Op::Keep:
          write_line(out, ' ', a[x++], options);
          ++y;
          break;
        case Op::Remove:
          write_line(out, '-', a[x++], options);
          break;
        case Op::Add:
          write_line(out, '+', b[y++], options);
          break;
      }
    }
    i = end;
    line_a = x;
    line_b = y;
  }
}

}  // namespace podlint
