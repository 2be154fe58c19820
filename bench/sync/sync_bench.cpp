// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes and time of real syncs over HTTP (a real nginx on 127.0.0.1): first sync of the
// sample content, a check when nothing changed, a 1 % update of the synthetic corpus (and the
// kiosk's time to build the store from the patched row image), and the same update over a
// 64 kB/s cap. Prints one line per measurement; repeated ones are medians.
//
//   sync_bench [--items N] [--mutate-percent P] [--cap BYTES_PER_S] [--repeat N] [--work DIR]
//              [--keep]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>

#include "content/compiler.h"
#include "content/synth.h"
#include "platform/clock.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/sync.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::sync;

namespace {

[[noreturn]] void die(const std::string& m) {
    std::fprintf(stderr, "sync_bench: %s\n", m.c_str());
    std::exit(1);
}

template <class T>
T must(Result<T> r, const std::string& what) {
    if (!r) die(what + ": " + r.message());
    return std::move(r).value();
}
void must(Result<void> r, const std::string& what) {
    if (!r) die(what + ": " + r.message());
}

int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

// nginx in the foreground, owned by this process.
class Nginx {
  public:
    Nginx(const fs::path& root, const fs::path& work) : port_(free_port()) {
        auto prefix = work / "nginx";
        fs::create_directories(prefix / "tmp");
        auto conf = prefix / "nginx.conf";
        std::ofstream out(conf);
        out << "daemon off; worker_processes 1; pid " << (prefix / "nginx.pid").string() << ";\n"
            << (geteuid() == 0 ? "user root root;\n" : "") << "error_log "
            << (prefix / "error.log").string()
            << ";\nevents { worker_connections 64; }\nhttp { access_log off; default_type "
               "application/octet-stream;\n"
            << "client_body_temp_path " << (prefix / "tmp").string() << "; proxy_temp_path "
            << (prefix / "tmp").string() << "; fastcgi_temp_path " << (prefix / "tmp").string()
            << "; uwsgi_temp_path " << (prefix / "tmp").string() << "; scgi_temp_path "
            << (prefix / "tmp").string() << ";\n"
            << "server { listen 127.0.0.1:" << port_ << "; root " << root.string() << "; } }\n";
        out.close();
        pid_ = ::fork();
        if (pid_ == 0) {
            ::execl("/usr/sbin/nginx", "nginx", "-c", conf.c_str(), "-p", prefix.c_str(),
                    static_cast<char*>(nullptr));
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    ~Nginx() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    int port_;
    pid_t pid_ = -1;
};

struct Measure {
    SyncStatus status;
};

SyncStatus sync_once(const std::string& url, const fs::path& state, const fs::path& root,
                     std::int64_t cap = 0) {
    SyncConfig c;
    c.source = url;
    c.state_dir = state;
    c.trusted_root = root;
    c.max_bytes_per_second = cap;
    c.min_free_bytes = 0;
    SyncClient client(c);
    auto s = client.run_once();
    if (s.result != SyncResult::updated && s.result != SyncResult::up_to_date)
        die("sync failed: " + s.error);
    return s;
}

void row(const char* what, const SyncStatus& s, std::int64_t reference_bytes,
         const char* reference) {
    std::printf("%-44s %12lld B %4lld req %9lld ms (apply %6lld ms)", what,
                static_cast<long long>(s.bytes), static_cast<long long>(s.requests),
                static_cast<long long>(s.duration_ms), static_cast<long long>(s.apply_ms));
    if (reference_bytes > 0)
        std::printf("   %6.2f %% of %s",
                    100.0 * static_cast<double>(s.bytes) / static_cast<double>(reference_bytes),
                    reference);
    std::printf("\n");
    std::fflush(stdout);
}

double seconds_since(std::int64_t start_ms) {
    return static_cast<double>(clock::monotonic_ms() - start_ms) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
    int items = 100000;
    double mutate = 1.0;
    std::int64_t cap = 65536;
    int repeat = 3;
    fs::path work =
        fs::temp_directory_path() / ("guichet-sync-bench-" + std::to_string(::getpid()));
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) die(a + " needs a value");
            return argv[++i];
        };
        if (a == "--items")
            items = std::stoi(next());
        else if (a == "--mutate-percent")
            mutate = std::stod(next());
        else if (a == "--cap")
            cap = std::stoll(next());
        else if (a == "--repeat")
            repeat = std::max(1, std::stoi(next()));
        else if (a == "--work")
            work = next();
        else if (a == "--keep")
            keep = true;
        else
            die("unknown option " + a);
    }
    fs::create_directories(work);
    auto key = SigningKey::generate(KeyType::ed25519).value();
    std::printf("work folder: %s\n", work.c_str());

    // 1. The sample content: first sync, then nothing new.
    {
        content::CheckReport report;
        auto db = work / "sample.db";
        must(content::build_store(GUICHET_SAMPLE_CONTENT, db, report), "build sample");
        publish::InitOptions init;
        init.repo = work / "sample-repo";
        init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = {key};
        init.now = clock::wall_seconds();
        must(publish::init_repository(init), "init");
        publish::PushOptions push;
        push.repo = init.repo;
        push.store = db;
        push.keys = {key};
        push.now = init.now;
        auto pushed = must(publish::push(push), "push sample");
        Nginx nginx(init.repo, work / "n1");
        auto root = init.repo / "metadata" / "1.root.json";
        std::printf("sample store: %lld B, compressed %lld B\n",
                    static_cast<long long>(pushed.store_bytes),
                    static_cast<long long>(pushed.compressed_bytes));
        row("first sync, sample content", sync_once(nginx.url(), work / "kiosk-sample", root),
            pushed.store_bytes, "store");
        std::vector<std::int64_t> ms;
        SyncStatus last;
        for (int i = 0; i < 5; ++i) {
            last = sync_once(nginx.url(), work / "kiosk-sample", root);
            ms.push_back(last.duration_ms);
        }
        std::sort(ms.begin(), ms.end());
        last.duration_ms = ms[ms.size() / 2];
        row("nothing new (median of 5)", last, 0, "");
    }

    // 2. The synthetic corpus: base, then mutate_percent of its items changed.
    auto t0 = clock::monotonic_ms();
    auto base_src = work / "corpus-base", next_src = work / "corpus-next";
    content::SynthOptions so;
    so.items = items;
    so.seed = 7;
    must(content::write_synthetic_sources(base_src, so), "synth base");
    so.mutate_percent = mutate;
    auto mutated = must(content::write_synthetic_sources(next_src, so), "synth mutated");
    content::CheckReport report;
    must(content::build_store(base_src, work / "corpus-1.db", report), "build base");
    must(content::build_store(next_src, work / "corpus-2.db", report), "build mutated");
    std::printf("corpus: %d items, %d mutated; sources and stores built in %.1f s\n", items,
                mutated.mutated, seconds_since(t0));

    publish::InitOptions init;
    init.repo = work / "corpus-repo";
    init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = {key};
    init.now = clock::wall_seconds();
    must(publish::init_repository(init), "init");
    publish::PushOptions push;
    push.repo = init.repo;
    push.keys = {key};
    push.now = init.now;
    push.store = work / "corpus-1.db";
    t0 = clock::monotonic_ms();
    auto v1 = must(publish::push(push), "push corpus v1");
    std::printf("publish v1: %.1f s (store %lld B, compressed %lld B)\n", seconds_since(t0),
                static_cast<long long>(v1.store_bytes),
                static_cast<long long>(v1.compressed_bytes));
    Nginx nginx(init.repo, work / "n2");
    auto root = init.repo / "metadata" / "1.root.json";
    row("first sync, corpus", sync_once(nginx.url(), work / "kiosk-a", root), v1.store_bytes,
        "store");

    push.store = work / "corpus-2.db";
    push.now = clock::wall_seconds();
    t0 = clock::monotonic_ms();
    auto v2 = must(publish::push(push), "push corpus v2");
    std::printf("publish v2: %.1f s (patch from v1: %lld B)\n", seconds_since(t0),
                v2.deltas.empty() ? 0LL : static_cast<long long>(v2.deltas.front().second));
    std::printf("row images: %lld B (v2), compressed %lld B; store %lld B\n",
                static_cast<long long>(v2.rows_bytes), static_cast<long long>(v2.compressed_bytes),
                static_cast<long long>(v2.store_bytes));

    // Each run starts from a copy of the kiosk at v1, so the same update is measured again.
    auto median_update = [&](std::int64_t rate) {
        std::vector<SyncStatus> runs;
        for (int i = 0; i < repeat; ++i) {
            auto state = work / ("kiosk-run-" + std::to_string(i));
            fs::remove_all(state);
            fs::copy(work / "kiosk-a", state, fs::copy_options::recursive);
            runs.push_back(sync_once(nginx.url(), state, root, rate));
            fs::remove_all(state);
        }
        auto middle = [&](auto field) {
            std::vector<std::int64_t> v;
            for (const auto& r : runs) v.push_back(r.*field);
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        SyncStatus m = runs.front();
        m.bytes = middle(&SyncStatus::bytes);
        m.duration_ms = middle(&SyncStatus::duration_ms);
        m.apply_ms = middle(&SyncStatus::apply_ms);
        return m;
    };
    auto update = median_update(0);
    std::string label = std::to_string(mutated.mutated) + " items changed (median of " +
                        std::to_string(repeat) + ")";
    row(label.c_str(), update, v2.compressed_bytes, "the full download");
    std::printf("%-44s %12s   %6.2f %% of the store, %6.2f %% of the row image\n", "", "",
                100.0 * static_cast<double>(update.bytes) / static_cast<double>(v2.store_bytes),
                100.0 * static_cast<double>(update.bytes) / static_cast<double>(v2.rows_bytes));
    if (cap > 0) {
        auto capped = median_update(cap);
        std::string capped_label = "the same, capped at " + std::to_string(cap) + " B/s";
        row(capped_label.c_str(), capped, v2.compressed_bytes, "the full download");
    }
    if (!keep) fs::remove_all(work);
    return 0;
}
