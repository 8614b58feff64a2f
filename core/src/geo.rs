//! County boundaries for the choropleth map: a GeoJSON FeatureCollection projected into an SVG box.
//!
//! The projection is equirectangular with longitudes scaled by the cosine of the middle latitude, which
//! is faithful enough at a city's scale. Features are matched to regions by their `adcode` (or `code`)
//! property, the GB/T 2260 code.

use serde_json::Value;

use crate::chart::{push_fixed, sin_cos};
use crate::region::RegionCode;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    #[error("not GeoJSON: {0}")]
    Json(String),
    #[error("the GeoJSON has no polygon features with an adcode")]
    Empty,
}

/// One county's outline as an SVG path, and where to put its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub code: RegionCode,
    pub path: String,
    pub label: (f64, f64),
}

type Ring = Vec<(f64, f64)>;

/// A feature as read: its region, its rings, and its label anchor if the file gives one.
type Feature = (RegionCode, Vec<Ring>, Option<(f64, f64)>);

fn code_of(props: &Value) -> Option<RegionCode> {
    let v = props.get("adcode").or_else(|| props.get("code"))?;
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    RegionCode::parse(&text).ok()
}

fn ring(v: &Value) -> Option<Ring> {
    v.as_array()?.iter().map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?))).collect()
}

/// The outer and inner rings of a Polygon or MultiPolygon geometry.
fn rings(geometry: &Value) -> Vec<Ring> {
    let coords = &geometry["coordinates"];
    let polygons: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![coords],
        Some("MultiPolygon") => coords.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    polygons.into_iter().filter_map(Value::as_array).flatten().filter_map(ring).collect()
}

/// Projects every polygon feature into a `width` × `height` box, centred, keeping the aspect ratio.
pub fn project(geojson: &str, width: f64, height: f64) -> Result<Vec<Shape>, GeoError> {
    let doc: Value = serde_json::from_str(geojson).map_err(|e| GeoError::Json(e.to_string()))?;
    // A feature's label goes to its `centroid` (or `center`) property when given: the mean of the
    // outline's points can fall outside a county that wraps around another.
    let anchor = |props: &Value| {
        ["centroid", "center"].iter().find_map(|k| ring(&Value::Array(vec![props.get(*k)?.clone()]))?.first().copied())
    };
    let features: Vec<Feature> = doc["features"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| Some((code_of(&f["properties"])?, rings(&f["geometry"]), anchor(&f["properties"]))))
                .collect()
        })
        .unwrap_or_default();
    let all = features.iter().flat_map(|(_, rs, _)| rs.iter().flatten());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (lon, lat) in all {
        (x0, x1, y0, y1) = (x0.min(*lon), x1.max(*lon), y0.min(*lat), y1.max(*lat));
    }
    if features.is_empty() || x0 > x1 {
        return Err(GeoError::Empty);
    }
    let k = sin_cos(((y0 + y1) / 2.0).to_radians()).1;
    let (dx, dy) = (((x1 - x0) * k).max(1e-9), (y1 - y0).max(1e-9));
    let scale = (width / dx).min(height / dy);
    let (ox, oy) = ((width - dx * scale) / 2.0, (height - dy * scale) / 2.0);
    let to_xy = |(lon, lat): (f64, f64)| (ox + (lon - x0) * k * scale, oy + (y1 - lat) * scale);

    Ok(features
        .into_iter()
        .map(|(code, rings, anchor)| {
            let mut path = String::new();
            let mut largest: (f64, (f64, f64)) = (-1.0, (width / 2.0, height / 2.0));
            for r in &rings {
                let pts: Vec<(f64, f64)> = r.iter().copied().map(to_xy).collect();
                // Points closer than half a pixel to the last kept one add bytes, not shape.
                let mut last: Option<(f64, f64)> = None;
                for (i, p) in pts.iter().enumerate() {
                    if let Some(l) = last {
                        if (p.0 - l.0).abs() < 0.5 && (p.1 - l.1).abs() < 0.5 && i + 1 != pts.len() {
                            continue;
                        }
                    }
                    path.push(if last.is_none() { 'M' } else { 'L' });
                    push_fixed(&mut path, p.0, 1);
                    path.push(',');
                    push_fixed(&mut path, p.1, 1);
                    last = Some(*p);
                }
                path.push('Z');
                let (bx0, bx1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
                let (by0, by1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
                let area = (bx1 - bx0) * (by1 - by0);
                if area > largest.0 {
                    // A ring repeats its first point at the end; count it once.
                    let open =
                        if pts.len() > 1 && pts.first() == pts.last() { &pts[..pts.len() - 1] } else { &pts[..] };
                    let n = open.len().max(1) as f64;
                    let centre = (open.iter().map(|p| p.0).sum::<f64>() / n, open.iter().map(|p| p.1).sum::<f64>() / n);
                    largest = (area, centre);
                }
            }
            Shape { code, path, label: anchor.map(to_xy).unwrap_or(largest.1) }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_SQUARES: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"adcode":610302,"centroid":[0.5,0.25]},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
        {"type":"Feature","properties":{"code":"610303"},"geometry":{"type":"MultiPolygon","coordinates":[[[[1,0],[2,0],[2,1],[1,1],[1,0]]]]}},
        {"type":"Feature","properties":{"name":"no code"},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}}
    ]}"#;

    #[test]
    fn projects_into_the_box() {
        let shapes = project(TWO_SQUARES, 200.0, 100.0).unwrap();
        assert_eq!(shapes.len(), 2);
        assert_eq!(shapes[0].code.to_string(), "610302");
        assert_eq!(shapes[1].code.to_string(), "610303");
        // Near the equator the two unit squares fill the 200 × 100 box exactly.
        assert_eq!(shapes[0].path, "M0.0,100.0L100.0,100.0L100.0,0.0L0.0,0.0L0.0,100.0Z");
        let (ax, ay) = shapes[0].label;
        assert!((ax - 50.0).abs() < 0.01 && (ay - 75.0).abs() < 0.01, "{ax},{ay}");
        let (lx, ly) = shapes[1].label;
        assert!((lx - 150.0).abs() < 0.01 && (ly - 50.0).abs() < 0.01, "{lx},{ly}");
    }

    #[test]
    fn rejects_what_is_not_geojson() {
        assert!(matches!(project("nope", 1.0, 1.0), Err(GeoError::Json(_))));
        assert_eq!(project(r#"{"type":"FeatureCollection","features":[]}"#, 1.0, 1.0), Err(GeoError::Empty));
    }
}
