"""scikit-learn on exactly our honest greenlight columns, rows and folds (written by bench/train.ts).
  /usr/bin/python3 bench/sklearn_greenlight.py matrix.csv
The CSV holds the encoded feature columns (empty = missing), then y_revenue (log1p), y_hit (0/1), and the
test-fold index of each row for revenue (shuffled k-fold) and hit (stratified). Prints one JSON object.
"""
import json, sys, time
import numpy as np, pandas as pd
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import r2_score, roc_auc_score

d = pd.read_csv(sys.argv[1])
targets = ['y_revenue', 'y_hit', 'fold_revenue', 'fold_hit']
X = d.drop(columns=targets)
X_filled = X.fillna(-1)  # GradientBoostingRegressor and LogisticRegression take no NaN: -1 as the credits anchor does
y, hit = d.y_revenue.values, d.y_hit.values.astype(int)
revenue_folds, hit_folds = PredefinedSplit(d.fold_revenue.values), PredefinedSplit(d.fold_hit.values)
out = {'rows': len(d), 'cols': X.shape[1]}
t = time.perf_counter()
gb = GradientBoostingRegressor(n_estimators=300, learning_rate=0.05, max_depth=3, subsample=0.8, random_state=42)
out['revenue_r2_gb'] = round(r2_score(y, cross_val_predict(gb, X_filled, y, cv=revenue_folds)), 4)
# The same boosting on log(revenue / budget), log budget added back (our shipped revenue model's fit_roi).
log_budget = X_filled['log_budget'].values
roi = cross_val_predict(gb, X_filled, y - log_budget, cv=revenue_folds) + log_budget
out['revenue_r2_gb_fit_roi'] = round(r2_score(y, roi), 4)
hgb = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05, random_state=42)
out['revenue_r2_hgb'] = round(r2_score(y, cross_val_predict(hgb, X, y, cv=revenue_folds)), 4)
hgbc = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=42)
out['hit_auc_hgb'] = round(roc_auc_score(hit, cross_val_predict(hgbc, X, hit, cv=hit_folds, method='predict_proba')[:, 1]), 4)
logreg = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=3000))
out['hit_auc_logreg'] = round(roc_auc_score(hit, cross_val_predict(logreg, X_filled, hit, cv=hit_folds, method='predict_proba')[:, 1]), 4)
out['seconds'] = round(time.perf_counter() - t, 1)
print(json.dumps(out))
