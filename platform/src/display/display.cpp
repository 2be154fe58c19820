// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/display.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "platform/display/png_writer.h"
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

}  // namespace

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
    if (options.headless) {
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
    if (sdl_ready_) SDL_Quit();
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
    return saved;
}

}  // namespace guichet::display
