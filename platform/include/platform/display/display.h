// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's screen: an SDL2 window (full screen or windowed, any rotation) or an offscreen
// surface for headless runs, with Dear ImGui drawn through SDL_Renderer. Owns every SDL object
// it creates; picks the lighter software renderer when the only OpenGL is a software one.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "platform/result.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;

namespace guichet::display {

enum class RendererChoice { automatic, software, opengl };

struct DisplayOptions {
    int width = 1280;  // physical size of the window or offscreen surface
    int height = 800;
    bool fullscreen = false;
    bool headless = false;     // render into an offscreen surface, no video driver needed
    // Headless only: rasterize a frame only when a screenshot takes it. Nobody sees the others,
    // and at 4K the software renderer spends ~30 ms on each; the layout walks draw ~20 frames
    // per screenshot. ImGui still lays out every frame, so layout reports stay exact.
    bool rasterize_only_screenshots = false;
    int rotation = 0;          // 0, 90, 180 or 270 degrees clockwise, for screens mounted sideways
    bool hide_cursor = false;  // kiosk mode: fingers need no arrow
    float dpi = 0;             // pixels per inch; 0: from the display (96 headless)
    RendererChoice renderer = RendererChoice::automatic;
    std::string title = "Guichet";
};

// A point in the screen's physical pixels mapped into the upright (logical) frame ImGui draws.
struct Point {
    float x = 0;
    float y = 0;
};

class Display {
  public:
    static Result<std::unique_ptr<Display>> open(const DisplayOptions& options);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    bool headless() const { return headless_; }
    // The upright frame ImGui lays out (width and height swap at 90 and 270 degrees).
    int width() const { return logical_width_; }
    int height() const { return logical_height_; }
    int rotation() const { return rotation_; }
    // Pixels per inch of the real screen, or a sane default when SDL cannot tell.
    float dpi() const { return dpi_; }
    SDL_Renderer* renderer() const { return renderer_; }
    SDL_Window* window() const { return window_; }
    // SDL's renderer name plus, for OpenGL, the GL renderer string ("opengl (llvmpipe ...)").
    const std::string& renderer_name() const { return renderer_name_; }
    // Why this renderer was chosen, for the start-up log line.
    const std::string& renderer_reason() const { return renderer_reason_; }

    // Maps a position in window pixels (mouse, or a finger's normalised position times the
    // window size) into the logical frame, undoing the rotation.
    Point to_logical(float window_x, float window_y) const;
    // The same for a position given as a fraction of the screen (SDL finger events).
    Point normalized_to_logical(float fx, float fy) const;

    // The window or its display changed (resized, a display rotated, hot-plugged or swapped):
    // recompute sizes, the rotation target and, unless the dpi setting fixes it, the density.
    void handle_resize();
    // Turns the picture (staff changed the rotation setting); takes effect from the next frame.
    Result<void> set_rotation(int degrees);

    // The colour the frame starts from. A full-screen background drawn as geometry costs the
    // software renderer a blended pass over every pixel; a clear is a memset.
    void set_clear_color(unsigned char r, unsigned char g, unsigned char b) {
        clear_r_ = r, clear_g_ = g, clear_b_ = b;
    }

    // Once the font texture exists, the atlas's own copies of its pixels (an alpha and an RGBA
    // image: 2.5 MiB for a 1024x512 atlas) are released after the frame, as nothing reads them
    // again. So a caller that destroys the font texture must rebuild the atlas first (the kiosk
    // always does: its rebuild is what destroys the texture).
    void begin_frame(float delta_seconds);
    // Renders and presents; when `screenshot` is given, also writes the upright frame as a PNG
    // (read back before presenting, while the frame is still defined).
    Result<void> end_frame(const std::filesystem::path* screenshot = nullptr);

  private:
    Display() = default;
    Result<void> create_rotation_target();
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    SDL_Surface* surface_ = nullptr;
    SDL_Texture* rotation_target_ = nullptr;
    bool headless_ = false;
    bool rasterize_only_screenshots_ = false;
    bool imgui_ready_ = false;
    bool sdl_ready_ = false;
    int rotation_ = 0;
    int physical_width_ = 0;
    int physical_height_ = 0;
    int logical_width_ = 0;
    int logical_height_ = 0;
    float dpi_ = 96.0f;
    bool dpi_from_display_ = false;
    unsigned char clear_r_ = 0, clear_g_ = 0, clear_b_ = 0;
    std::string renderer_name_;
    std::string renderer_reason_;
};

// True when a video driver can open a window here (X11 or Wayland session, or KMSDRM).
bool display_available();

// Parses "0", "90", "180", "270"; anything else is an error naming the value.
Result<int> parse_rotation(const std::string& text);

// Where a point of the physical screen lands in the upright frame for a rotation; pure, so
// touch mapping is unit-tested without a screen.
Point rotate_to_logical(float x, float y, int physical_width, int physical_height, int rotation);

}  // namespace guichet::display
