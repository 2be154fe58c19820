// SPDX-License-Identifier: GPL-3.0-or-later
// RAUC's command line, run without a shell: `rauc info` (signature and manifest) and
// `rauc install` (through the RAUC service).
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "software_records.h"
#include "sync/software_update.h"

extern char** environ;

namespace guichet::sync::software {
namespace fs = std::filesystem;
using nlohmann::json;
using records::text_field;

namespace {

constexpr std::int64_t kMaxCommandOutput = 1 << 20;

struct CommandOutput {
    int exit_code = -1;
    std::string out, err;
};

// Runs argv without a shell; stdout and stderr captured (bounded), stdin from /dev/null.
Result<CommandOutput> run_command(const std::vector<std::string>& argv) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return make_error(std::strerror(errno));
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return make_error(std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        return make_error(argv[0] + ": cannot run: " + std::strerror(rc));
    }
    CommandOutput result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buffer[4096];
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
                continue;
            }
            if (static_cast<std::int64_t>(sinks[i]->size()) < kMaxCommandOutput)
                sinks[i]->append(buffer, static_cast<size_t>(n));
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

// The last line a program printed that says what went wrong (RAUC logs progress first).
std::string last_line(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) last = line;
    }
    return last.size() > 300 ? last.substr(0, 300) + "…" : last;
}

}  // namespace

RaucCommand::RaucCommand(std::string program, std::string keyring, bool verify)
    : program_(std::move(program)), keyring_(std::move(keyring)), verify_(verify) {}

Result<BundleInfo> parse_rauc_info(const std::string& text) {
    // rauc prints the JSON document on one line of its own; skip anything before it.
    auto start = text.find('{');
    if (start == std::string::npos) return make_error("rauc info printed no JSON");
    auto j = json::parse(text.substr(start), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return make_error("rauc info printed malformed JSON");
    BundleInfo info{text_field(j, "compatible"), text_field(j, "version")};
    if (info.compatible.empty() || info.version.empty())
        return make_error("the bundle's manifest names no compatible or no version");
    return info;
}

Result<BundleInfo> RaucCommand::inspect(const fs::path& bundle) {
    std::vector<std::string> argv = {program_, "info", "--output-format=json"};
    if (!verify_)
        argv.push_back("--no-verify");
    else if (!keyring_.empty())
        argv.push_back("--keyring=" + keyring_);
    argv.push_back(bundle.string());
    auto r = run_command(argv);
    if (!r) return r.error();
    if (r->exit_code != 0)
        return make_error("RAUC refuses the bundle: " + last_line(r->err + "\n" + r->out));
    return parse_rauc_info(r->out);
}

Result<void> RaucCommand::install(const fs::path& bundle) {
    auto r = run_command({program_, "install", bundle.string()});
    if (!r) return r.error();
    if (r->exit_code != 0)
        return make_error("rauc install failed: " + last_line(r->err + "\n" + r->out));
    return {};
}

}  // namespace guichet::sync::software
