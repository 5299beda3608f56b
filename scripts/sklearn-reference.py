"""Reference numbers from scikit-learn for the TypeScript learning engine's unit tests.

Run with Debian's python3 (apt-get install python3-sklearn python3-pandas):
  /usr/bin/python3 scripts/sklearn-reference.py
Writes test/fixtures/sklearn/reference.json (the synthetic data are included, so tests need no Python).
"""
import json, math, os, sys
import numpy as np, pandas as pd
import sklearn
from sklearn.tree import DecisionTreeRegressor
from sklearn.ensemble import GradientBoostingRegressor, GradientBoostingClassifier, RandomForestRegressor
from sklearn.linear_model import Ridge, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.metrics import (r2_score, mean_squared_error, mean_absolute_error, roc_auc_score, f1_score,
                             precision_score, recall_score, log_loss, brier_score_loss, confusion_matrix)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = {'sklearn': sklearn.__version__}

# --- Synthetic regression data: deterministic, every column with < 255 distinct values (so binning is exact).
n = 240
X = np.zeros((n, 4))
for i in range(n):
    X[i, 0] = ((i * 37) % 101) / 10.0
    X[i, 1] = ((i * 53 + 7) % 89) / 4.0
    X[i, 2] = float((i * 11) % 7)
    X[i, 3] = ((i * 29 + 3) % 131) / 13.0
y = (np.where(X[:, 0] > 5, 3.0, 0.0) + 0.5 * X[:, 1] + np.sin(X[:, 3]) * 2 + 0.3 * X[:, 2]
     + 0.25 * np.sin(np.arange(n) * 1.7))
ycls = (y > np.median(y)).astype(int)
out['synthetic'] = {'X': X.tolist(), 'y': y.tolist(), 'ycls': ycls.tolist()}

tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
out['tree_depth3'] = {'train_pred': tree.predict(X).tolist(), 'node_count': int(tree.tree_.node_count)}
tree2 = DecisionTreeRegressor(max_depth=4, min_samples_leaf=10, random_state=0).fit(X, y)
out['tree_depth4_leaf10'] = {'train_pred': tree2.predict(X).tolist()}

gb = GradientBoostingRegressor(n_estimators=100, learning_rate=0.1, max_depth=3, random_state=0).fit(X, y)
out['gb_reg'] = {'train_r2': r2_score(y, gb.predict(X)), 'train_pred': gb.predict(X).tolist()}
gbc = GradientBoostingClassifier(n_estimators=100, learning_rate=0.1, max_depth=3, random_state=0).fit(X, ycls)
out['gb_cls'] = {'train_logloss': log_loss(ycls, gbc.predict_proba(X)[:, 1])}

for alpha in [1.0, 10.0]:
    m = make_pipeline(StandardScaler(), Ridge(alpha=alpha)).fit(X, y)
    sc, r = m.named_steps['standardscaler'], m.named_steps['ridge']
    coef = r.coef_ / sc.scale_
    out[f'ridge_alpha{alpha:g}'] = {'coef': coef.tolist(), 'intercept': float(r.intercept_ - coef @ sc.mean_),
                                    'pred': m.predict(X).tolist()}
for C in [0.1, 1.0]:
    m = make_pipeline(StandardScaler(), LogisticRegression(C=C, tol=1e-12, max_iter=10000)).fit(X, ycls)
    sc, r = m.named_steps['standardscaler'], m.named_steps['logisticregression']
    coef = r.coef_[0] / sc.scale_
    out[f'logistic_C{C:g}'] = {'coef': coef.tolist(), 'intercept': float(r.intercept_[0] - coef @ sc.mean_),
                               'proba': m.predict_proba(X)[:, 1].tolist()}

# --- Metrics on fixed labels and scores with ties.
labels = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1]
scores = [0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.5, 0.5, 0.3, 0.2, 0.2, 0.95, 0.1, 0.4]
yt = [3.0, -1.0, 2.5, 7.0, 0.0, 1.5]
yp = [2.5, 0.0, 2.0, 8.0, -0.5, 1.0]
out['metrics'] = {
    'labels': labels, 'scores': scores, 'auc': roc_auc_score(labels, scores),
    'f1': f1_score(labels, np.array(scores) >= 0.5), 'precision': precision_score(labels, np.array(scores) >= 0.5),
    'recall': recall_score(labels, np.array(scores) >= 0.5), 'logloss': log_loss(labels, scores),
    'brier': brier_score_loss(labels, scores), 'confusion': confusion_matrix(labels, np.array(scores) >= 0.5).tolist(),
    'y_true': yt, 'y_pred': yp, 'r2': r2_score(yt, yp), 'rmse': math.sqrt(mean_squared_error(yt, yp)),
    'mae': mean_absolute_error(yt, yp),
}

# --- TMDB, the revenue seed's 4 features (NaN runtime as 0, as the seeds' fillna(0)), 5-fold CV x 3 repeats.
d = pd.read_csv(os.path.join(root, 'resources/data/tmdb_5000_movies.csv'))
d = d[d.release_date.notna() & (d.genres.str.len() > 2)].copy()
r = d[(d.budget > 0) & (d.revenue > 0)].copy()
r['log_budget'] = np.log1p(r.budget)
Xt = r[['runtime', 'popularity', 'vote_average', 'log_budget']].fillna(0).values
yt_ = np.log1p(r.revenue.values)
hit = (r.revenue.values >= 2 * r.budget.values).astype(int)
tm = {'rows': int(len(r))}
# scikit-learn's own fold assignment (fold number per row, per repeat), so our CV can use identical folds.
fold_ids = []
for rep in range(3):
    ids = np.zeros(len(r), dtype=int)
    for f, (_, te) in enumerate(KFold(5, shuffle=True, random_state=rep).split(Xt)):
        ids[te] = f
    fold_ids.append(ids.tolist())
tm['kfold_ids'] = fold_ids
for name, m in [('linear', make_pipeline(StandardScaler(), Ridge(alpha=1.0))),
                ('gb', GradientBoostingRegressor(n_estimators=100, learning_rate=0.1, max_depth=3, random_state=42)),
                ('rf', RandomForestRegressor(n_estimators=100, max_depth=10, random_state=42, n_jobs=-1))]:
    r2s = [r2_score(yt_, cross_val_predict(m, Xt, yt_, cv=KFold(5, shuffle=True, random_state=rep))) for rep in range(3)]
    tm[f'{name}_cv5x3_r2'] = float(np.mean(r2s))
aucs = []
for rep in range(3):
    p = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(C=1.0)), Xt, hit,
                          cv=StratifiedKFold(5, shuffle=True, random_state=rep), method='predict_proba')[:, 1]
    aucs.append(roc_auc_score(hit, p))
tm['logistic_hit_cv5x3_auc'] = float(np.mean(aucs))
aucs = []
for rep in range(3):
    p = cross_val_predict(GradientBoostingClassifier(random_state=42), Xt, hit,
                          cv=StratifiedKFold(5, shuffle=True, random_state=rep), method='predict_proba')[:, 1]
    aucs.append(roc_auc_score(hit, p))
tm['gb_hit_cv5x3_auc'] = float(np.mean(aucs))
out['tmdb4'] = tm

path = os.path.join(root, 'test/fixtures/sklearn/reference.json')
with open(path, 'w') as f:
    json.dump(out, f)
print(json.dumps({k: v for k, v in tm.items() if k != 'kfold_ids'}, indent=1))
