"""The places the app singles out, by their national administrative division codes (GLOSSARY.md)."""

CITY_CODE = "150600"  # 鄂尔多斯市 Ordos City
REGION_CODE = "150000"  # 内蒙古自治区 Inner Mongolia Autonomous Region
JUNGAR_CODE = "150622"  # 准格尔旗 Jungar Banner, whose story the app tells
