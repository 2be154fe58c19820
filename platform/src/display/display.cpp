#include "platform/display/display.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdlib>
#include <vector>

#include "platform/display/png_writer.h"

namespace guichet::display {

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    return (x11 && *x11) || (wayland && *wayland) || (driver && *driver);
}

Result<std::unique_ptr<Display>> Display::open(const DisplayOptions& options) {
    std::unique_ptr<Display> display(new Display());
    display->headless_ = options.headless;
    if (options.headless) {
        // No video driver at all: the software renderer draws into a plain surface.
        if (SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
            return make_error(std::string("SDL_Init failed: ") + SDL_GetError());
        display->sdl_ready_ = true;
        display->surface_ = SDL_CreateRGBSurfaceWithFormat(0, options.width, options.height, 32,
                                                           SDL_PIXELFORMAT_ABGR8888);
        if (!display->surface_)
            return make_error(std::string("cannot create offscreen surface: ") + SDL_GetError());
        display->renderer_ = SDL_CreateSoftwareRenderer(display->surface_);
        display->width_ = options.width;
        display->height_ = options.height;
    } else {
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
            return make_error(std::string("cannot open the display (SDL_Init): ") + SDL_GetError());
        display->sdl_ready_ = true;
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
        if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        display->window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                            SDL_WINDOWPOS_CENTERED, options.width, options.height,
                                            flags);
        if (!display->window_)
            return make_error(std::string("cannot create window: ") + SDL_GetError());
        display->renderer_ = SDL_CreateRenderer(display->window_, -1, 0);
        SDL_GetWindowSize(display->window_, &display->width_, &display->height_);
    }
    if (!display->renderer_)
        return make_error(std::string("cannot create renderer: ") + SDL_GetError());
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display->renderer_, &info);
    display->renderer_name_ = info.name ? info.name : "?";

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between visitors
    io.LogFilename = nullptr;
    if (display->window_) {
        ImGui_ImplSDL2_InitForSDLRenderer(display->window_);
    }
    ImGui_ImplSDLRenderer_Init(display->renderer_);
    display->imgui_ready_ = true;
    return display;
}

Display::~Display() {
    if (imgui_ready_) {
        ImGui_ImplSDLRenderer_Shutdown();
        if (window_) ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (surface_) SDL_FreeSurface(surface_);
    if (window_) SDL_DestroyWindow(window_);
    if (sdl_ready_) SDL_Quit();
}

void Display::begin_frame() {
    ImGui_ImplSDLRenderer_NewFrame();
    if (window_) {
        ImGui_ImplSDL2_NewFrame();
    } else {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
        io.DeltaTime = 1.0f / 60.0f;
    }
    ImGui::NewFrame();
}

Result<void> Display::end_frame(const std::filesystem::path* screenshot) {
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    Result<void> saved;
    if (screenshot) {
        std::vector<std::uint8_t> pixels(static_cast<size_t>(width_) * height_ * 4);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(),
                                 width_ * 4) != 0)
            saved = make_error(std::string("cannot read pixels: ") + SDL_GetError());
        else
            saved = write_png_rgba(*screenshot, width_, height_, pixels.data(), width_ * 4);
    }
    SDL_RenderPresent(renderer_);
    return saved;
}

}  // namespace guichet::display
