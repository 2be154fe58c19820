// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/display.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "platform/display/drm_output.h"
#include "platform/display/evdev_input.h"
#include "platform/display/png_writer.h"
#include "platform/display/pointer.h"
#include "platform/display/vt_console.h"
#include "platform/log.h"

namespace guichet::display {
namespace {

constexpr float kDefaultDpi = 96.0f;

std::string sdl_error(const char* what) {
    return std::string(what) + ": " + SDL_GetError();
}

// A machine with no DRM render node has no GPU driver: any OpenGL there is Mesa's llvmpipe,
// which costs ~70 MB more than SDL's software renderer for no speed-up at kiosk frame rates.
bool has_gpu_device() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().starts_with("renderD")) return true;
    return false;
}

// The GL_RENDERER string of the current context, when the renderer is OpenGL-based.
std::string gl_renderer_string() {
    using GetString = const unsigned char* (*)(unsigned int);
    constexpr unsigned int kGlRenderer = 0x1F01;
    auto get_string = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    if (!get_string) return {};
    const unsigned char* text = get_string(kGlRenderer);
    return text ? reinterpret_cast<const char*>(text) : "";
}

bool is_software_gl(const std::string& gl_renderer) {
    return gl_renderer.find("llvmpipe") != std::string::npos ||
           gl_renderer.find("softpipe") != std::string::npos ||
           gl_renderer.find("Software Rasterizer") != std::string::npos;
}

float screen_dpi(SDL_Window* window) {
    float diagonal = 0, horizontal = 0, vertical = 0;
    const int index = window ? SDL_GetWindowDisplayIndex(window) : -1;
    if (index < 0 || SDL_GetDisplayDPI(index, &diagonal, &horizontal, &vertical) != 0)
        return kDefaultDpi;
    // X servers without EDID (Xvfb, some HDMI adapters) report nonsense; a real kiosk screen
    // sits between a phone-like 400 and a wall display's 40.
    if (diagonal < 40.0f || diagonal > 400.0f) return kDefaultDpi;
    return diagonal;
}

// Called in the pushing thread for every SDL event: a DRM wait sleeps in poll(), not in SDL,
// so the other threads' wake-ups (user events) and a quit reach it through the eventfd. Not
// for SDL's own internal events: SDL_PollEvent pushes a poll sentinel each time it is called,
// and waking on that would make the wait spin at 100 % CPU (measured in the boot proof).
int wake_drm_wait(void* userdata, SDL_Event* event) {
    if (!wakes_drm_wait(event->type)) return 1;
    const int fd = *static_cast<const int*>(userdata);
    const std::uint64_t one = 1;
    if (fd >= 0 && ::write(fd, &one, sizeof one) < 0) {
        // Only fails when the counter is full: the loop is awake already.
    }
    return 1;
}

}  // namespace

bool wakes_drm_wait(std::uint32_t sdl_event_type) {
    return sdl_event_type == SDL_QUIT || sdl_event_type >= SDL_USEREVENT;
}

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    return (x11 && *x11) || (wayland && *wayland) || (driver && *driver);
}

Result<int> parse_rotation(const std::string& text) {
    for (int degrees : {0, 90, 180, 270})
        if (text == std::to_string(degrees)) return degrees;
    return make_error("rotation must be 0, 90, 180 or 270 (got '" + text + "')");
}

Point rotate_to_logical(float x, float y, int physical_width, int physical_height, int rotation) {
    const bool sideways = rotation == 90 || rotation == 270;
    const float logical_width = static_cast<float>(sideways ? physical_height : physical_width);
    const float logical_height = static_cast<float>(sideways ? physical_width : physical_height);
    const float dx = x - physical_width / 2.0f;
    const float dy = y - physical_height / 2.0f;
    float lx = dx, ly = dy;
    switch (rotation) {
        case 90:
            lx = dy, ly = -dx;
            break;
        case 180:
            lx = -dx, ly = -dy;
            break;
        case 270:
            lx = -dy, ly = dx;
            break;
        default:
            break;
    }
    return {lx + logical_width / 2.0f, ly + logical_height / 2.0f};
}

Result<std::unique_ptr<Display>> Display::open(const DisplayOptions& options) {
    std::unique_ptr<Display> display(new Display());
    display->headless_ = options.headless;
    display->rasterize_only_screenshots_ = options.headless && options.rasterize_only_screenshots;
    display->rotation_ = options.rotation;
    const BackendFacts facts = options.headless ? BackendFacts{} : backend_facts();
    if (!options.headless && choose_backend(options.backend, facts) == DisplayBackend::drm) {
        if (auto drm = display->open_drm(); !drm) {
            log::warn("display", "not drawing through DRM: " + drm.message() +
                                     "; drawing through SDL instead");
            display->drm_.reset();
        } else if (!facts.render_nodes_ignored.empty()) {
            display->renderer_reason_ += "; " + facts.render_nodes_ignored + " does not draw";
        }
    }
    if (display->drm_) {
        // Set up by open_drm: SDL's software renderer into a surface copied to the dumb buffer.
    } else if (options.headless) {
        // No video driver at all: the software renderer draws into a plain surface.
        if (SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
            return make_error(sdl_error("SDL_Init failed"));
        display->sdl_ready_ = true;
        display->surface_ = SDL_CreateRGBSurfaceWithFormat(0, options.width, options.height, 32,
                                                           SDL_PIXELFORMAT_ABGR8888);
        if (!display->surface_) return make_error(sdl_error("cannot create offscreen surface"));
        display->renderer_ = SDL_CreateSoftwareRenderer(display->surface_);
        display->physical_width_ = options.width;
        display->physical_height_ = options.height;
        display->renderer_reason_ = "headless";
    } else {
        bool software = options.renderer == RendererChoice::software;
        if (options.renderer == RendererChoice::automatic && !has_gpu_device()) {
            software = true;
            display->renderer_reason_ = "no GPU device in /dev/dri";
        }
        if (software) {
            // Otherwise SDL presents the software frame through an OpenGL window surface,
            // loading llvmpipe anyway.
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        }
        SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
            return make_error(sdl_error("cannot open the display (SDL_Init)"));
        display->sdl_ready_ = true;
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
        if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (!options.fullscreen) flags |= SDL_WINDOW_RESIZABLE;
        // Full screen starts at the display's own size: where no window manager honours the
        // full-screen request (a bare X server on a kiosk, Xvfb), SDL would otherwise keep a
        // window of the requested size, centred, partly off a smaller screen, while reporting
        // the screen's size, and every tap would land off target.
        int window_w = options.width, window_h = options.height;
        SDL_DisplayMode desktop{};
        if (options.fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 &&
            desktop.h > 0)
            window_w = desktop.w, window_h = desktop.h;
        display->window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                            SDL_WINDOWPOS_CENTERED, window_w, window_h, flags);
        if (!display->window_) return make_error(sdl_error("cannot create window"));
        display->renderer_ = SDL_CreateRenderer(
            display->window_, -1, software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
        if (display->renderer_ && !software) {
            SDL_RendererInfo info{};
            SDL_GetRendererInfo(display->renderer_, &info);
            if (info.name && std::strncmp(info.name, "opengl", 6) == 0) {
                const std::string gl = gl_renderer_string();
                if (options.renderer == RendererChoice::automatic && is_software_gl(gl)) {
                    SDL_DestroyRenderer(display->renderer_);
                    display->renderer_ =
                        SDL_CreateRenderer(display->window_, -1, SDL_RENDERER_SOFTWARE);
                    display->renderer_reason_ = "OpenGL is software (" + gl + ")";
                } else {
                    display->renderer_reason_ = "GPU OpenGL (" + gl + ")";
                }
            }
            if (display->renderer_reason_.empty()) display->renderer_reason_ = "requested";
        }
        if (display->renderer_reason_.empty()) display->renderer_reason_ = "requested";
        SDL_GetRendererOutputSize(display->renderer_, &display->physical_width_,
                                  &display->physical_height_);
        display->dpi_ = screen_dpi(display->window_);
        display->dpi_from_display_ = options.dpi <= 0;
        if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
    }
    if (!display->renderer_) return make_error(sdl_error("cannot create renderer"));
    if (options.dpi > 0) display->dpi_ = options.dpi;
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display->renderer_, &info);
    display->renderer_name_ = info.name ? info.name : "?";
    if (auto target = display->create_rotation_target(); !target) return target.error();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between visitors
    io.LogFilename = nullptr;
    // Input comes from our own pointer handling (platform/display/pointer.h), never from
    // the SDL2 backend, whose SDL_CaptureMouse call stops touch on Linux (imgui#8150).
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendPlatformName = "guichet_pointer";
    ImGui_ImplSDLRenderer_Init(display->renderer_);
    display->imgui_ready_ = true;
    return display;
}

Result<void> Display::open_drm() {
    auto output = DrmOutput::open();
    if (!output) return output.error();
    drm_ = std::move(*output);
    vt_ = VtConsole::take();
    log::info("display", vt_->note());
    // No SDL video driver: SDL only keeps the event queue the other threads post to.
    if (SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
        return make_error(sdl_error("SDL_Init failed"));
    sdl_ready_ = true;
    // XRGB8888 as the scanout buffer has it, so presenting is a copy of rows.
    surface_ = SDL_CreateRGBSurfaceWithFormat(0, drm_->width(), drm_->height(), 32,
                                              SDL_PIXELFORMAT_RGB888);
    if (!surface_) return make_error(sdl_error("cannot create the frame's surface"));
    renderer_ = SDL_CreateSoftwareRenderer(surface_);
    physical_width_ = drm_->width();
    physical_height_ = drm_->height();
    // The density stays the default SDL's KMSDRM gave (it reads no panel size), so a board
    // lays out as before; the panel's own figure is named for staff to set `dpi` from.
    renderer_reason_ = "DRM dumb buffer on " + drm_->description() + ", no Mesa";
    if (drm_->dpi() > 0)
        renderer_reason_ +=
            "; the panel reports " + std::to_string(static_cast<int>(drm_->dpi())) + " dpi";
    input_ = EvdevInput::open({physical_width_, physical_height_, rotation_});
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd_ < 0) return make_error("cannot create an eventfd to wake the main loop");
    SDL_AddEventWatch(wake_drm_wait, &wake_fd_);
    return {};
}

bool Display::wait_event(SDL_Event& event, int timeout_ms) {
    if (!drm_) return SDL_WaitEventTimeout(&event, timeout_ms) != 0;
    if (SDL_PollEvent(&event)) return true;
    std::vector<pollfd> fds;
    for (int fd : input_->fds()) fds.push_back({fd, POLLIN, 0});
    fds.push_back({wake_fd_, POLLIN, 0});
    if (poll(fds.data(), fds.size(), timeout_ms) > 0 && (fds.back().revents & POLLIN)) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto got = ::read(wake_fd_, &count, sizeof count);
    }
    return SDL_PollEvent(&event);
}

void Display::take_input(std::vector<PointerEvent>& pointer, std::vector<std::string>& keys) {
    if (input_) input_->read(pointer, keys);
}

Result<void> Display::create_rotation_target() {
    const bool sideways = rotation_ == 90 || rotation_ == 270;
    logical_width_ = sideways ? physical_height_ : physical_width_;
    logical_height_ = sideways ? physical_width_ : physical_height_;
    if (rotation_target_) {
        SDL_DestroyTexture(rotation_target_);
        rotation_target_ = nullptr;
    }
    if (rotation_ == 0) return {};
    rotation_target_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_TARGET, logical_width_, logical_height_);
    if (!rotation_target_) return make_error(sdl_error("cannot create the rotation target"));
    return {};
}

Display::~Display() {
    if (imgui_ready_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext();
    }
    if (rotation_target_) SDL_DestroyTexture(rotation_target_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (surface_) SDL_FreeSurface(surface_);
    if (window_) SDL_DestroyWindow(window_);
    if (wake_fd_ >= 0) {
        SDL_DelEventWatch(wake_drm_wait, &wake_fd_);
        ::close(wake_fd_);
    }
    if (sdl_ready_) SDL_Quit();
    // The console's picture back first, then its text mode and keyboard.
    input_.reset();
    drm_.reset();
    vt_.reset();
}

Point Display::to_logical(float window_x, float window_y) const {
    // Window coordinates may differ from renderer pixels on high-DPI setups.
    float x = window_x, y = window_y;
    if (window_) {
        int w = 0, h = 0;
        SDL_GetWindowSize(window_, &w, &h);
        if (w > 0 && h > 0) {
            x = window_x * physical_width_ / w;
            y = window_y * physical_height_ / h;
        }
    }
    return rotate_to_logical(x, y, physical_width_, physical_height_, rotation_);
}

Point Display::normalized_to_logical(float fx, float fy) const {
    return rotate_to_logical(fx * physical_width_, fy * physical_height_, physical_width_,
                             physical_height_, rotation_);
}

Result<void> Display::set_rotation(int degrees) {
    if (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)
        return make_error("rotation: want 0, 90, 180 or 270, got " + std::to_string(degrees));
    rotation_ = degrees;
    if (input_) input_->set_screen({physical_width_, physical_height_, rotation_});
    return create_rotation_target();
}

void Display::handle_resize() {
    if (!window_) return;
    if (dpi_from_display_) dpi_ = screen_dpi(window_);
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    if (w == physical_width_ && h == physical_height_) return;
    physical_width_ = w;
    physical_height_ = h;
    if (auto target = create_rotation_target(); !target) log::error("display", target.message());
}

void Display::begin_frame(float delta_seconds) {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize =
        ImVec2(static_cast<float>(logical_width_), static_cast<float>(logical_height_));
    io.DeltaTime = delta_seconds > 0.0f ? delta_seconds : 1.0f / 60.0f;
    ImGui::NewFrame();
}

Result<void> Display::end_frame(const std::filesystem::path* screenshot) {
    ImGui::Render();
    // The backend copied the pixels into its texture at begin_frame; ImGui::Render unlocked the
    // atlas, so its own copies can go (the renderer keeps the only one it needs).
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (atlas.TexID && (atlas.TexPixelsAlpha8 || atlas.TexPixelsRGBA32)) atlas.ClearTexData();
    if (rasterize_only_screenshots_ && !screenshot) return {};
    if (rotation_target_) SDL_SetRenderTarget(renderer_, rotation_target_);
    SDL_SetRenderDrawColor(renderer_, clear_r_, clear_g_, clear_b_, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    Result<void> saved;
    if (screenshot) {
        std::vector<std::uint8_t> pixels(static_cast<size_t>(logical_width_) * logical_height_ * 4);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(),
                                 logical_width_ * 4) != 0)
            saved = make_error(sdl_error("cannot read pixels"));
        else
            saved = write_png_rgba(*screenshot, logical_width_, logical_height_, pixels.data(),
                                   logical_width_ * 4);
    }
    if (rotation_target_) {
        SDL_SetRenderTarget(renderer_, nullptr);
        SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
        SDL_RenderClear(renderer_);
        const SDL_Rect destination{(physical_width_ - logical_width_) / 2,
                                   (physical_height_ - logical_height_) / 2, logical_width_,
                                   logical_height_};
        SDL_RenderCopyEx(renderer_, rotation_target_, nullptr, &destination, rotation_, nullptr,
                         SDL_FLIP_NONE);
    }
    SDL_RenderPresent(renderer_);
    if (drm_) drm_->present(surface_->pixels, static_cast<std::size_t>(surface_->pitch));
    return saved;
}

}  // namespace guichet::display
