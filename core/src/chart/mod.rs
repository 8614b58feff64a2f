//! Chart layout math shared by every chart: scales and ticks, downsampling, the colour palette and the
//! tables behind each chart. Pixel positions are floating point because they are drawing only; figures
//! people read never are.

mod bars;
mod donut;
mod downsample;
mod line;
mod month_axis;
mod number;
mod palette;
mod scale;
mod stack;
mod table;
mod treemap;
mod trig;

pub use bars::{bars_svg, MAX_BARS};
pub use donut::{sector_path, slices, Slice};
pub use downsample::m4;
pub use line::{area_path, line_path, nearest, y_extent};
pub use month_axis::{label_width, month_ticks};
pub use number::{coord, fixed, push_fixed, tick_text};
pub use palette::{sequential, series_colour, shade, Theme};
pub use scale::{nice_step, ticks, LinearScale, Ticks};
pub use stack::{extent, stack, Segment, Stacking};
pub use table::Table;
pub use treemap::{squarify, Cell};
pub(crate) use trig::sin_cos;
