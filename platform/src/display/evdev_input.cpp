// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/evdev_input.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>

#include "platform/log.h"

namespace guichet::display {
namespace {

constexpr std::size_t kMaxDevices = 32;
// One read takes at most this many events per device, and a call makes at most this many reads
// per device: a device that floods cannot hold the frame back.
constexpr std::size_t kEventsPerRead = 64;
constexpr int kReadsPerCall = 4;

template <std::size_t Bits>
struct BitSet {
    std::array<unsigned long, (Bits + 8 * sizeof(long) - 1) / (8 * sizeof(long))> words{};
    bool test(unsigned bit) const {
        return bit < Bits && (words[bit / (8 * sizeof(long))] >> (bit % (8 * sizeof(long)))) & 1ul;
    }
};

AbsRange abs_range(int fd, unsigned axis) {
    input_absinfo info{};
    if (ioctl(fd, EVIOCGABS(axis), &info) != 0) return {};
    return {info.minimum, info.maximum};
}

EvdevCapabilities read_capabilities(int fd) {
    EvdevCapabilities caps;
    BitSet<EV_MAX + 1> types;
    BitSet<KEY_MAX + 1> keys;
    BitSet<ABS_MAX + 1> abs;
    BitSet<REL_MAX + 1> rel;
    BitSet<INPUT_PROP_MAX + 1> props;
    if (ioctl(fd, EVIOCGBIT(0, sizeof(types.words)), types.words.data()) < 0) return caps;
    if (types.test(EV_KEY)) ioctl(fd, EVIOCGBIT(EV_KEY, sizeof(keys.words)), keys.words.data());
    if (types.test(EV_ABS)) ioctl(fd, EVIOCGBIT(EV_ABS, sizeof(abs.words)), abs.words.data());
    if (types.test(EV_REL)) ioctl(fd, EVIOCGBIT(EV_REL, sizeof(rel.words)), rel.words.data());
    ioctl(fd, EVIOCGPROP(sizeof(props.words)), props.words.data());
    caps.abs_x = abs.test(ABS_X);
    caps.abs_y = abs.test(ABS_Y);
    caps.mt_x = abs.test(ABS_MT_POSITION_X);
    caps.mt_y = abs.test(ABS_MT_POSITION_Y);
    caps.mt_slot = abs.test(ABS_MT_SLOT);
    caps.mt_tracking = abs.test(ABS_MT_TRACKING_ID);
    caps.btn_touch = keys.test(BTN_TOUCH);
    caps.btn_left = keys.test(BTN_LEFT);
    caps.rel_x = rel.test(REL_X);
    caps.rel_y = rel.test(REL_Y);
    caps.rel_wheel = rel.test(REL_WHEEL);
    caps.direct = props.test(INPUT_PROP_DIRECT);
    caps.typing_keys = keys.test(KEY_A) || keys.test(KEY_TAB) || keys.test(KEY_ENTER);
    if (caps.abs_x) caps.x = abs_range(fd, ABS_X);
    if (caps.abs_y) caps.y = abs_range(fd, ABS_Y);
    if (caps.mt_x) caps.mt_x_range = abs_range(fd, ABS_MT_POSITION_X);
    if (caps.mt_y) caps.mt_y_range = abs_range(fd, ABS_MT_POSITION_Y);
    return caps;
}

}  // namespace

std::unique_ptr<EvdevInput> EvdevInput::open(ScreenMapping screen) {
    std::unique_ptr<EvdevInput> input(new EvdevInput());
    input->screen_ = screen;
    input->watch_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (input->watch_fd_ >= 0 &&
        inotify_add_watch(input->watch_fd_, "/dev/input", IN_CREATE | IN_ATTRIB) < 0) {
        ::close(input->watch_fd_);
        input->watch_fd_ = -1;
    }
    if (input->watch_fd_ < 0)
        log::warn("input", "cannot watch /dev/input: devices plugged in later need a restart");
    input->scan();
    if (input->devices_.empty())
        log::warn("input",
                  "no touchscreen, mouse or keyboard in /dev/input (the kiosk's user "
                  "needs the group input); waiting for one to be plugged in");
    return input;
}

EvdevInput::~EvdevInput() {
    for (Device& device : devices_) ::close(device.fd);
    if (watch_fd_ >= 0) ::close(watch_fd_);
}

void EvdevInput::scan() {
    std::error_code ec;
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/input", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("event")) paths.push_back(entry.path().string());
        if (paths.size() >= 4 * kMaxDevices) break;
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
        if (devices_.size() >= kMaxDevices) break;
        const auto open_already = std::find_if(devices_.begin(), devices_.end(),
                                               [&](const Device& d) { return d.path == path; });
        if (open_already != devices_.end()) continue;
        if (std::find(refused_.begin(), refused_.end(), path) != refused_.end()) continue;
        // Not yet readable (udev sets the group a moment after the node appears): the inotify
        // watch sees that attribute change and scans again.
        const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        const EvdevCapabilities caps = read_capabilities(fd);
        const EvdevKind kind = classify_device(caps);
        std::array<char, 128> name{};
        if (ioctl(fd, EVIOCGNAME(name.size() - 1), name.data()) < 0) name[0] = '\0';
        if (kind == EvdevKind::ignored) {
            ::close(fd);
            if (refused_.size() < 4 * kMaxDevices) refused_.push_back(path);
            continue;
        }
        log::info("input", path + " (" + name.data() + "): " + kind_name(kind));
        devices_.push_back({fd, path, EvdevDecoder(kind, caps, screen_)});
    }
}

void EvdevInput::close_device(std::size_t index) {
    log::info("input", devices_[index].path + " gone");
    ::close(devices_[index].fd);
    const std::string path = devices_[index].path;
    devices_.erase(devices_.begin() + static_cast<long>(index));
    // The node's name may come back for another device.
    refused_.erase(std::remove(refused_.begin(), refused_.end(), path), refused_.end());
}

std::vector<int> EvdevInput::fds() const {
    std::vector<int> fds;
    for (const Device& device : devices_) fds.push_back(device.fd);
    if (watch_fd_ >= 0) fds.push_back(watch_fd_);
    return fds;
}

void EvdevInput::set_screen(ScreenMapping screen) {
    screen_ = screen;
    for (Device& device : devices_) device.decoder.set_screen(screen);
}

void EvdevInput::read(std::vector<PointerEvent>& pointer, std::vector<std::string>& keys) {
    if (watch_fd_ >= 0) {
        alignas(inotify_event) char buffer[4096];
        bool changed = false;
        for (int i = 0; i<kReadsPerCall&& ::read(watch_fd_, buffer, sizeof buffer)> 0; ++i)
            changed = true;
        if (changed) {
            refused_.clear();  // a node whose permissions changed may be readable now
            scan();
        }
    }
    std::array<input_event, kEventsPerRead> events;
    for (std::size_t d = 0; d < devices_.size();) {
        bool gone = false;
        for (int i = 0; i < kReadsPerCall; ++i) {
            const ssize_t got = ::read(devices_[d].fd, events.data(), sizeof events);
            if (got < 0) {
                gone = errno == ENODEV;
                break;
            }
            const std::size_t count = static_cast<std::size_t>(got) / sizeof(input_event);
            for (std::size_t e = 0; e < count; ++e)
                devices_[d].decoder.feed(events[e], pointer, keys);
            if (count < events.size()) break;
        }
        if (gone)
            close_device(d);
        else
            ++d;
    }
}

}  // namespace guichet::display
