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
  // The calling thread is one of the jobs: between deliveries it works too.
  // Each side wakes the other only when it may be waiting: a worker when the
  // caller waits for the item it finished, the caller when a worker waits
  // for room in the window; an item is a few microseconds of work at times.
  const size_t window = 16 * static_cast<size_t>(jobs);
  std::mutex mutex;
  std::condition_variable room;      // workers: an item may be taken
  std::condition_variable finished;  // the caller: the item it waits for is done
  size_t next = 0, delivered = 0;
  unsigned waiting_workers = 0;
  bool caller_waits = false;
  std::vector<char> done(count, 0);
  std::vector<std::exception_ptr> failures(count);
  bool stop = false;
  const auto can_take = [&] { return next < count && next < delivered + window; };
  // Runs item i, the lock released meanwhile; true: the caller must be woken.
  const auto run = [&](std::unique_lock<std::mutex>& lock, size_t i) {
    lock.unlock();
    std::exception_ptr failure;
    try {
      work(i);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    failures[i] = failure;
    done[i] = 1;
    return caller_waits && i == delivered;
  };
  const auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      ++waiting_workers;
      room.wait(lock, [&] { return stop || next == count || can_take(); });
      --waiting_workers;
      if (stop || next == count) return;
      if (run(lock, next++)) finished.notify_one();
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, count); ++t)
    threads.emplace_back(worker);
  try {
    for (size_t i = 0; i < count; ++i) {
      std::exception_ptr failure;
      {
        std::unique_lock lock(mutex);
        while (done[i] == 0) {
          if (can_take()) {
            run(lock, next++);
            continue;
          }
          caller_waits = true;
          finished.wait(lock);
          caller_waits = false;
        }
        failure = failures[i];
      }
      if (failure) std::rethrow_exception(failure);
      deliver(i);
      bool wake;
      {
        std::lock_guard lock(mutex);
        delivered = i + 1;
        wake = waiting_workers > 0;
      }
      if (wake) room.notify_all();
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    throw;
  }
}

}  // namespace podlint
