// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/transport.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "platform/clock.h"
#include "platform/confined_dir.h"
#include "platform/files.h"

namespace guichet::sync {
namespace {

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string join(const std::string& base, const std::string& name) {
    if (!base.empty() && base.back() == '/') return base + name;
    return base + "/" + name;
}

struct Sink {
    // Memory body (fetch) or file (download).
    std::string* body = nullptr;
    int fd = -1;
    std::int64_t offset = 0;   // bytes already in the file before this transfer
    std::int64_t written = 0;  // bytes written by this transfer
    std::int64_t cap = 0;
    bool over_cap = false;
    bool write_failed = false;
    int write_errno = 0;
    bool checked_status = false;
    bool restarted = false;
    CURL* curl = nullptr;
    // Our own limiter on top of libcurl's, whose average overshoots the cap by 10-15 %.
    std::int64_t max_bytes_per_second = 0;
    std::int64_t started_ms = 0;
};

void throttle(const Sink& s) {
    if (s.max_bytes_per_second <= 0) return;
    std::int64_t due_ms = s.written * 1000 / s.max_bytes_per_second;
    std::int64_t elapsed = guichet::clock::monotonic_ms() - s.started_ms;
    if (due_ms > elapsed) std::this_thread::sleep_for(std::chrono::milliseconds(due_ms - elapsed));
}

size_t on_write(char* data, size_t size, size_t nmemb, void* user) {
    auto* s = static_cast<Sink*>(user);
    size_t n = size * nmemb;
    if (s->fd >= 0 && !s->checked_status) {
        s->checked_status = true;
        long code = 0;
        curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
        if (code == 200 && s->offset > 0) {
            // The server ignored our range: what it sends starts at byte zero.
            if (::ftruncate(s->fd, 0) != 0 || ::lseek(s->fd, 0, SEEK_SET) != 0) return 0;
            s->offset = 0;
            s->restarted = true;
        }
        if (code != 200 && code != 206) return n;  // an error page: not written to the file
    }
    if (s->offset + s->written + static_cast<std::int64_t>(n) > s->cap) {
        s->over_cap = true;
        return 0;
    }
    if (s->body) {
        s->body->append(data, n);
    } else if (s->fd >= 0) {
        long code = 0;
        curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
        if (code != 200 && code != 206) return n;
        size_t done = 0;
        while (done < n) {
            ssize_t w = ::write(s->fd, data + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                s->write_failed = true;
                s->write_errno = errno;
                return 0;
            }
            done += static_cast<size_t>(w);
        }
    }
    s->written += static_cast<std::int64_t>(n);
    throttle(*s);
    return n;
}

struct ProgressCtx {
    const TransferSettings* settings;
    std::string what;
    std::int64_t offset;
    std::int64_t total;
};

int on_progress(void* user, curl_off_t, curl_off_t now, curl_off_t, curl_off_t) {
    auto* p = static_cast<ProgressCtx*>(user);
    if (p->settings->cancel && p->settings->cancel->load()) return 1;
    if (p->settings->progress) p->settings->progress(p->what, p->offset + now, p->total);
    return 0;
}

class HttpTransport final : public Transport {
  public:
    HttpTransport(std::string base, TransferSettings settings)
        : base_(std::move(base)), settings_(std::move(settings)) {
        global_init();
    }

    FetchOutcome fetch(const std::string& name, std::int64_t max_length, std::string& out,
                       const std::string& etag) override {
        out.clear();
        Sink sink;
        sink.body = &out;
        sink.cap = max_length;
        return perform(name, sink, etag, 0, max_length);
    }

    FetchOutcome download(const std::string& name, std::int64_t length, int partial_fd) override {
        struct stat st {};
        if (::fstat(partial_fd, &st) != 0) {
            FetchOutcome o;
            o.error = std::string("cannot look at the partial download: ") + std::strerror(errno);
            return o;
        }
        std::int64_t have = st.st_size;
        if (have > length) {
            // More than signed can only be garbage: start over.
            if (::ftruncate(partial_fd, 0) != 0) {
                FetchOutcome o;
                o.error =
                    std::string("cannot truncate the partial download: ") + std::strerror(errno);
                o.discard = true;
                return o;
            }
            have = 0;
        }
        if (have == length && length > 0) {
            FetchOutcome o;  // complete from an earlier run; the caller verifies the hash
            o.ok = true;
            return o;
        }
        ::lseek(partial_fd, have, SEEK_SET);
        Sink sink;
        sink.fd = partial_fd;
        sink.offset = have;
        sink.cap = length;
        auto o = perform(name, sink, {}, have, length);
        if (o.range_ignored) {
            // 200 instead of 206: the bytes we hold may not be a prefix of what it sends now.
            if (::ftruncate(partial_fd, 0) != 0 || ::lseek(partial_fd, 0, SEEK_SET) != 0) {
                o.error = "cannot truncate the partial download";
                o.discard = true;
                return o;
            }
            sink = Sink{};
            sink.fd = partial_fd;
            sink.cap = length;
            o = perform(name, sink, {}, 0, length);
        }
        if (sink.write_failed) {
            // Disk full: give the space back rather than keep a partial we cannot finish.
            (void)::ftruncate(partial_fd, 0);
            o.ok = false;
            o.discard = true;
            o.error = "disk full or write error while downloading: " +
                      std::string(std::strerror(sink.write_errno));
        } else if (o.ok && sink.offset + sink.written != length) {
            o.ok = false;
            o.error = "short download: " + std::to_string(sink.offset + sink.written) + " of " +
                      std::to_string(length) + " bytes";
        }
        if (o.ok && ::fsync(partial_fd) != 0) {
            o.ok = false;
            o.error = std::string("cannot flush the download: ") + std::strerror(errno);
        }
        return o;
    }

    const TransferStats& stats() const override { return stats_; }

  private:
    FetchOutcome perform(const std::string& name, Sink& sink, const std::string& etag,
                         std::int64_t resume_from, std::int64_t total) {
        FetchOutcome o;
        CurlHandle curl(curl_easy_init());
        if (!curl) {
            o.error = "curl_easy_init failed";
            return o;
        }
        CURL* c = curl.get();
        sink.curl = c;
        sink.max_bytes_per_second = settings_.max_bytes_per_second;
        sink.started_ms = guichet::clock::monotonic_ms();
        std::string url = join(base_, name);
        char errbuf[CURL_ERROR_SIZE] = {0};
        ProgressCtx pctx{&settings_, name, resume_from, total};
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
                         static_cast<long>(settings_.connect_timeout_seconds));
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT,
                         static_cast<long>(settings_.low_speed_bytes_per_second));
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.low_speed_seconds));
        if (settings_.max_bytes_per_second > 0)
            curl_easy_setopt(c, CURLOPT_MAX_RECV_SPEED_LARGE,
                             static_cast<curl_off_t>(settings_.max_bytes_per_second));
        if (!settings_.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, settings_.proxy.c_str());
        if (!settings_.ca_file.empty())
            curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
        std::string pins = settings_.pinned_public_key;
        if (!settings_.pinned_public_key_backup.empty())
            pins += (pins.empty() ? "" : ";") + settings_.pinned_public_key_backup;
        if (!pins.empty()) curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, pins.c_str());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &pctx);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "guichet-sync/0.1");
        Slist headers;
        if (!etag.empty()) {
            std::string h = "If-None-Match: " + etag;
            headers.reset(curl_slist_append(nullptr, h.c_str()));
            curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        }
        if (resume_from > 0)
            curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(resume_from));

        CURLcode rc = curl_easy_perform(c);
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        o.http_status = static_cast<int>(code);
        curl_off_t down = 0, retry = 0;
        long header_size = 0, request_size = 0;
        curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &down);
        curl_easy_getinfo(c, CURLINFO_HEADER_SIZE, &header_size);
        curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &request_size);
        stats_.requests += 1;
        stats_.bytes += static_cast<std::int64_t>(down) + header_size + request_size;
        if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK && retry > 0) {
            o.retry_after_seconds = retry;
            stats_.retry_after_seconds = retry;
        }
        struct curl_header* h = nullptr;
        if (curl_easy_header(c, "ETag", 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h)
            o.etag = h->value;

        if (sink.over_cap) {
            o.error = url + ": larger than the " + std::to_string(sink.cap) +
                      " bytes allowed; aborted at the cap";
            return o;
        }
        if (rc == CURLE_ABORTED_BY_CALLBACK) {
            o.error = "cancelled";
            return o;
        }
        if (rc == CURLE_WRITE_ERROR && sink.write_failed) {
            o.error = "write error";
            return o;
        }
        if (rc == CURLE_RANGE_ERROR && resume_from > 0) {
            o.range_ignored = true;
            o.error = url + ": the server ignored the range request";
            return o;
        }
        if (rc == CURLE_OPERATION_TIMEDOUT) {
            o.error = url + ": link too slow (below " +
                      std::to_string(settings_.low_speed_bytes_per_second) + " B/s for " +
                      std::to_string(settings_.low_speed_seconds) + " s) or timed out";
            return o;
        }
        if (rc != CURLE_OK && rc != CURLE_HTTP_RETURNED_ERROR) {
            o.error = url + ": " + (errbuf[0] ? std::string(errbuf) : curl_easy_strerror(rc));
            return o;
        }
        if (code == 304) {
            o.not_modified = true;
            o.ok = false;
            return o;
        }
        if (code == 404 || code == 403 || code == 410) {
            o.not_found = true;
            o.error = url + ": HTTP " + std::to_string(code);
            return o;
        }
        if (code == 416 && resume_from > 0) {
            o.error = url + ": HTTP 416 for a resumed download; starting over next time";
            (void)::ftruncate(sink.fd, 0);
            return o;
        }
        if (code != 200 && code != 206) {
            o.error = url + ": HTTP " + std::to_string(code);
            if (o.retry_after_seconds > 0)
                o.error += " (Retry-After " + std::to_string(o.retry_after_seconds) + " s)";
            return o;
        }
        o.ok = true;
        return o;
    }

    std::string base_;
    TransferSettings settings_;
    TransferStats stats_;
};

// Names are URL paths (the TUF client percent-encodes role names and odd target paths); a
// folder holds the files under their decoded names, as a web server serving it would map them.
std::string url_path_to_file(const std::string& name) {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        auto hex = [](char c) {
            return c >= '0' && c <= '9'   ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
        };
        if (name[i] == '%' && i + 2 < name.size() && hex(name[i + 1]) >= 0 &&
            hex(name[i + 2]) >= 0) {
            out += static_cast<char>(hex(name[i + 1]) * 16 + hex(name[i + 2]));
            i += 2;
        } else {
            out += name[i];
        }
    }
    return out;
}

class FolderTransport final : public Transport {
  public:
    FolderTransport(std::filesystem::path base, TransferSettings settings)
        : base_(std::move(base)), settings_(std::move(settings)) {}

    FetchOutcome fetch(const std::string& name, std::int64_t max_length, std::string& out,
                       const std::string&) override {
        FetchOutcome o;
        out.clear();
        stats_.requests += 1;
        auto fd = open(name, o);
        if (!fd) return o;
        auto body = files::read_descriptor(fd->get(), (base_ / name).string(), max_length);
        if (!body) {
            o.error = body.message();
            return o;
        }
        out = std::move(*body);
        stats_.bytes += static_cast<std::int64_t>(out.size());
        o.ok = true;
        return o;
    }

    FetchOutcome download(const std::string& name, std::int64_t length, int partial_fd) override {
        FetchOutcome o;
        stats_.requests += 1;
        auto in = open(name, o);
        if (!in) return o;
        const std::string shown = (base_ / name).string();
        if (::ftruncate(partial_fd, 0) != 0 || ::lseek(partial_fd, 0, SEEK_SET) != 0) {
            o.error = std::string("cannot truncate the partial download: ") + std::strerror(errno);
            o.discard = true;
            return o;
        }
        std::string buf(1 << 16, '\0');
        std::int64_t total = 0;
        for (;;) {
            const ssize_t n = ::read(in->get(), buf.data(), buf.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                o.error = shown + ": read error: " + std::strerror(errno);
                return o;
            }
            if (n == 0) break;
            if (total + n > length) {
                (void)::ftruncate(partial_fd, 0);
                o.error = shown + ": larger than the signed " + std::to_string(length) +
                          " bytes; aborted";
                o.discard = true;
                return o;
            }
            if (settings_.cancel && settings_.cancel->load()) {
                o.error = "cancelled";
                return o;
            }
            if (!write_all(partial_fd, buf.data(), static_cast<size_t>(n))) {
                const std::string why = std::strerror(errno);
                (void)::ftruncate(partial_fd, 0);
                o.error = "disk full or write error while copying: " + why;
                o.discard = true;
                return o;
            }
            total += n;
            stats_.bytes += n;
            if (settings_.progress) settings_.progress(name, total, length);
        }
        if (::fsync(partial_fd) != 0) {
            o.error = std::string("cannot flush the copy: ") + std::strerror(errno);
            return o;
        }
        o.ok = true;
        return o;
    }

    const TransferStats& stats() const override { return stats_; }

  private:
    // The folder is opened on first use, and every name is resolved beneath it.
    std::optional<files::FileDescriptor> open(const std::string& url_name, FetchOutcome& o) {
        const std::string name = url_path_to_file(url_name);
        if (!dir_) {
            auto dir = files::ConfinedDir::open(base_, files::Symlinks::within);
            if (!dir) {
                o.error = dir.message();
                return std::nullopt;
            }
            dir_.emplace(std::move(*dir));
        }
        auto fd = dir_->open_regular(name);
        if (!fd) {
            std::error_code ec;
            if (!std::filesystem::exists(std::filesystem::symlink_status(base_ / name, ec))) {
                o.not_found = true;  // "there is no such version", as a 404 says
                o.error = (base_ / name).string() + ": not found";
            } else {
                o.error = fd.message();
            }
            return std::nullopt;
        }
        return std::move(*fd);
    }

    static bool write_all(int fd, const char* data, size_t size) {
        size_t done = 0;
        while (done < size) {
            const ssize_t w = ::write(fd, data + done, size - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) return false;
            done += static_cast<size_t>(w);
        }
        return true;
    }

    std::filesystem::path base_;
    TransferSettings settings_;
    TransferStats stats_;
    std::optional<files::ConfinedDir> dir_;
};

}  // namespace

bool is_url(const std::string& source) {
    return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0;
}

std::unique_ptr<Transport> make_transport(const std::string& base,
                                          const TransferSettings& settings) {
    if (is_url(base)) return std::make_unique<HttpTransport>(base, settings);
    std::string path = base.rfind("file://", 0) == 0 ? base.substr(7) : base;
    return std::make_unique<FolderTransport>(path, settings);
}

}  // namespace guichet::sync
