#!/usr/bin/env python3
"""Counts the FIRMS fire points of the fixture in each Liaocheng county, independently of Lantian's
Swift code: its own GCJ-02 -> WGS 84 conversion of the county boundaries (the published forward
transform, inverted by fixed-point iteration), its own even-odd ray casting, and Python's csv module.
The expected counts in Tests/LantianClientTests/FIRMSImportTests.swift come from this script.

    python3 Fixtures/firms-liaocheng-counts.py [min-confidence]
"""
import csv, json, math, os, sys

A, EE = 6378245.0, 0.00669342162296594323

def wgs_to_gcj(lat, lon):
    x, y = lon - 105.0, lat - 35.0
    dlat = -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.sqrt(abs(x))
    dlat += (20*math.sin(6*x*math.pi) + 20*math.sin(2*x*math.pi)) * 2/3
    dlat += (20*math.sin(y*math.pi) + 40*math.sin(y/3*math.pi)) * 2/3
    dlat += (160*math.sin(y/12*math.pi) + 320*math.sin(y*math.pi/30)) * 2/3
    dlon = 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.sqrt(abs(x))
    dlon += (20*math.sin(6*x*math.pi) + 20*math.sin(2*x*math.pi)) * 2/3
    dlon += (20*math.sin(x*math.pi) + 40*math.sin(x/3*math.pi)) * 2/3
    dlon += (150*math.sin(x/12*math.pi) + 300*math.sin(x/30*math.pi)) * 2/3
    rad = lat / 180 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    dlat = dlat * 180 / ((A * (1 - EE)) / (magic * math.sqrt(magic)) * math.pi)
    dlon = dlon * 180 / (A / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lat + dlat, lon + dlon

def gcj_to_wgs(lat, lon):
    glat, glon = lat, lon
    for _ in range(30):
        slat, slon = wgs_to_gcj(glat, glon)
        glat, glon = glat - (slat - lat), glon - (slon - lon)
    return glat, glon

def inside_ring(ring, lat, lon):
    inside, j = False, len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside

here = os.path.dirname(os.path.abspath(__file__))
counties = json.load(open(os.path.join(here, "liaocheng", "counties.geojson"), encoding="utf-8"))["features"]
shapes = []
for feature in counties:
    polygons = [[[list(reversed(gcj_to_wgs(lat, lon))) for lon, lat in ring] for ring in polygon]
                for polygon in feature["geometry"]["coordinates"]]
    shapes.append((feature["properties"]["name"], polygons))

minimum = int(sys.argv[1]) if len(sys.argv) > 1 else 0
counts = {name: 0 for name, _ in shapes}
with open(os.path.join(here, "firms-modis-c61-nrt-2022-05-28-to-06-03-north-china.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if int(row["confidence"]) < minimum:
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        for name, polygons in shapes:
            if any(sum(inside_ring(ring, lat, lon) for ring in polygon) % 2 == 1 for polygon in polygons):
                counts[name] += 1
                break
for name, count in counts.items():
    print(f"{name}\t{count}")
print(f"total\t{sum(counts.values())}")
