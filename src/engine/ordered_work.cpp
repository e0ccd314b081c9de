#include "engine/ordered_work.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace podlint {

void in_order(size_t count, unsigned jobs, const std::function<void(size_t)>& work,
              const std::function<void(size_t)>& deliver) {
  if (jobs <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) {
      work(i);
      deliver(i);
    }
    return;
  }
  const size_t window = 4 * static_cast<size_t>(jobs);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0, delivered = 0;
  std::vector<char> done(count, 0);
  std::vector<std::exception_ptr> failures(count);
  bool stop = false;
  const auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next == count || next < delivered + window; });
        if (stop || next == count) return;
        i = next++;
      }
      std::exception_ptr failure;
      try {
        work(i);
      } catch (...) {
        failure = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        failures[i] = failure;
        done[i] = 1;
      }
      changed.notify_all();
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned t = 0; t < std::min<size_t>(jobs, count); ++t)
    threads.emplace_back(worker);
  try {
    for (size_t i = 0; i < count; ++i) {
      std::exception_ptr failure;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return done[i] != 0; });
        failure = failures[i];
      }
      if (failure) std::rethrow_exception(failure);
      deliver(i);
      {
        std::lock_guard lock(mutex);
        delivered = i + 1;
      }
      changed.notify_all();
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    throw;
  }
}

}  // namespace podlint
