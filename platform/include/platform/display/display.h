// The kiosk's window: an SDL2 window (full screen or windowed) or an offscreen surface for
// headless runs, with Dear ImGui bound to SDL_Renderer. Owns every SDL object it creates.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "platform/result.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Surface;

namespace guichet::display {

struct DisplayOptions {
    int width = 1280;
    int height = 800;
    bool fullscreen = false;
    bool headless = false;  // render into an offscreen surface, no video driver needed
    std::string title = "Guichet";
};

class Display {
public:
    static Result<std::unique_ptr<Display>> open(const DisplayOptions& options);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    bool headless() const { return headless_; }
    int width() const { return width_; }
    int height() const { return height_; }
    SDL_Renderer* renderer() const { return renderer_; }
    const std::string& renderer_name() const { return renderer_name_; }

    void begin_frame();
    // Renders and presents; when `screenshot` is given, also writes the frame as a PNG
    // (read back before presenting, when the back buffer is still defined).
    Result<void> end_frame(const std::filesystem::path* screenshot = nullptr);

private:
    Display() = default;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    SDL_Surface* surface_ = nullptr;
    bool headless_ = false;
    bool imgui_ready_ = false;
    bool sdl_ready_ = false;
    int width_ = 0;
    int height_ = 0;
    std::string renderer_name_;
};

// True when a video driver can open a window here (X11 or Wayland session, or KMSDRM).
bool display_available();

}  // namespace guichet::display
