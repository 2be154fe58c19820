// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/status_store.h"

#include "platform/files.h"

#include <curl/curl.h>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace guichet::fleet {
namespace fs = std::filesystem;

namespace {

class FolderStore final : public StatusStore {
  public:
    explicit FolderStore(fs::path dir) : dir_(std::move(dir)) {}

    Result<void> put(const std::string& name, const std::string& body) override {
        std::error_code ec;
        fs::create_directories(dir_, ec);
        if (ec) return make_error("cannot create " + dir_.string() + ": " + ec.message());
        return files::write_file_atomically(dir_ / name, body);
    }

    Result<std::vector<std::string>> list() override {
        std::error_code ec;
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".json")
                names.push_back(entry.path().filename().string());
        if (ec) return make_error("cannot list " + dir_.string() + ": " + ec.message());
        std::sort(names.begin(), names.end());
        return names;
    }

    Result<std::string> get(const std::string& name) override {
        return files::read_file(dir_ / name);
    }

    std::string describe() const override { return dir_.string(); }

  private:
    fs::path dir_;
};

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

struct UploadCursor {
    const std::string* body;
    size_t offset = 0;
};

size_t read_body(char* out, size_t size, size_t count, void* user) {
    auto* cursor = static_cast<UploadCursor*>(user);
    const size_t n = std::min(size * count, cursor->body->size() - cursor->offset);
    std::copy_n(cursor->body->data() + cursor->offset, n, out);
    cursor->offset += n;
    return n;
}

class HttpStore final : public StatusStore {
  public:
    HttpStore(StoreOptions options, std::unique_ptr<CURL, CurlDeleter> curl)
        : options_(std::move(options)), curl_(std::move(curl)) {
        if (!options_.location.ends_with('/')) options_.location += '/';
    }

    Result<void> put(const std::string& name, const std::string& body) override {
        UploadCursor cursor{&body};
        std::string answer;
        prepare(options_.location + name, answer);
        curl_easy_setopt(curl_.get(), CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl_.get(), CURLOPT_READFUNCTION, read_body);
        curl_easy_setopt(curl_.get(), CURLOPT_READDATA, &cursor);
        curl_easy_setopt(curl_.get(), CURLOPT_INFILESIZE_LARGE,
                         static_cast<curl_off_t>(body.size()));
        std::unique_ptr<curl_slist, SlistDeleter> headers(
            curl_slist_append(nullptr, "Content-Type: application/json"));
        curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, headers.get());
        auto done = perform("PUT " + name);
        curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, nullptr);
        return done;
    }

    Result<std::vector<std::string>> list() override {
        std::vector<std::string> names;
        if (!options_.s3_region.empty()) {
            // ListObjectsV2 pages at 1,000 keys; follow continuation tokens.
            std::string token;
            for (int page = 0; page < 1000; ++page) {
                std::string url = bucket_root() + "?list-type=2";
                if (!prefix_in_bucket().empty()) url += "&prefix=" + escape(prefix_in_bucket());
                if (!token.empty()) url += "&continuation-token=" + escape(token);
                std::string answer;
                prepare(url, answer);
                if (auto done = perform("list bucket"); !done) return done.error();
                for (auto& key : json_names_in_listing(answer)) names.push_back(key);
                std::smatch m;
                static const std::regex next(
                    "<NextContinuationToken>([^<]*)</NextContinuationToken>");
                if (!std::regex_search(answer, m, next)) break;
                token = m[1];
            }
        } else {
            std::string answer;
            prepare(options_.location, answer);
            curl_easy_setopt(curl_.get(), CURLOPT_CUSTOMREQUEST, "PROPFIND");
            std::unique_ptr<curl_slist, SlistDeleter> headers(
                curl_slist_append(nullptr, "Depth: 1"));
            curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, headers.get());
            auto done = perform("PROPFIND " + options_.location);
            curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, nullptr);
            curl_easy_setopt(curl_.get(), CURLOPT_CUSTOMREQUEST, nullptr);
            if (!done) return done.error();
            names = json_names_in_listing(answer);
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    }

    Result<std::string> get(const std::string& name) override {
        std::string answer;
        prepare(options_.location + name, answer);
        if (auto done = perform("GET " + name); !done) return done.error();
        return answer;
    }

    std::string describe() const override { return options_.location; }

  private:
    // s3: location is https://HOST/BUCKET/PREFIX/ (path style); the listing goes to the bucket.
    std::string bucket_root() const {
        const auto scheme_end = options_.location.find("://");
        const auto host_end = options_.location.find('/', scheme_end + 3);
        const auto bucket_end = options_.location.find('/', host_end + 1);
        return options_.location.substr(0, bucket_end + 1);
    }
    std::string prefix_in_bucket() const { return options_.location.substr(bucket_root().size()); }
    std::string escape(const std::string& text) {
        char* escaped = curl_easy_escape(curl_.get(), text.c_str(), static_cast<int>(text.size()));
        std::string out = escaped ? escaped : "";
        curl_free(escaped);
        return out;
    }

    void prepare(const std::string& url, std::string& answer) {
        CURL* c = curl_.get();
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        if (!options_.ca_file.empty())
            curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
        if (!options_.username.empty()) {
            curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
        }
        if (!options_.s3_region.empty()) {
            const std::string sigv4 = "aws:amz:" + options_.s3_region + ":s3";
            curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4.c_str());
        }
    }

    Result<void> perform(const std::string& what) {
        const CURLcode code = curl_easy_perform(curl_.get());
        if (code != CURLE_OK) return make_error(what + ": " + curl_easy_strerror(code));
        long status = 0;
        curl_easy_getinfo(curl_.get(), CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status >= 300)
            return make_error(what + ": server answered HTTP " + std::to_string(status));
        return {};
    }

    StoreOptions options_;
    std::unique_ptr<CURL, CurlDeleter> curl_;
};

}  // namespace

std::vector<std::string> json_names_in_listing(const std::string& xml) {
    // WebDAV hrefs (any namespace prefix) and S3 keys; only the last path segment matters.
    static const std::regex entry(
        "<(?:[A-Za-z0-9]+:)?(?:href|Key)>([^<]*)</(?:[A-Za-z0-9]+:)?(?:href|Key)>");
    std::vector<std::string> names;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), entry);
         it != std::sregex_iterator(); ++it) {
        std::string path = (*it)[1];
        const auto slash = path.find_last_of('/');
        std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        if (name.size() > 5 && name.ends_with(".json")) names.push_back(name);
    }
    return names;
}

Result<std::unique_ptr<StatusStore>> StatusStore::open(const StoreOptions& options) {
    if (options.location.empty()) return make_error("no status location configured");
    const bool http =
        options.location.starts_with("http://") || options.location.starts_with("https://");
    if (!http) {
        if (options.location.find("://") != std::string::npos)
            return make_error("status location '" + options.location +
                              "': only folders and http(s):// URLs are supported");
        return std::unique_ptr<StatusStore>(new FolderStore(options.location));
    }
    static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!curl_ready) return make_error("libcurl could not be initialised");
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error("libcurl could not create a handle");
    return std::unique_ptr<StatusStore>(new HttpStore(options, std::move(curl)));
}

}  // namespace guichet::fleet
